import { describe, expect, it } from 'vitest';

import { ObjectStore, keyOf, trim, type KubeObject } from './store';

const obj = (name: string, rv: string, namespace?: string): KubeObject => ({ metadata: { name, namespace, resourceVersion: rv } });
const summary = (changes: Array<{ type: string; key: string }>) => changes.map((c) => `${c.type} ${c.key}`);

describe('ObjectStore', () => {
  it('announces every object of the first list as ADDED', () => {
    const s = new ObjectStore();
    expect(summary(s.replace([obj('a', '1', 'ns'), obj('b', '2')], '10'))).toEqual(['ADDED ns/a', 'ADDED b']);
    expect(s.size).toBe(2);
    expect(s.resourceVersion).toBe('10');
  });

  it('turns a relist into the changes missed while away, deletes included', () => {
    const s = new ObjectStore();
    s.replace([obj('a', '1'), obj('b', '1'), obj('c', '1')], '5');
    const changes = s.replace([obj('a', '1'), obj('b', '7'), obj('d', '8')], '9');
    expect(summary(changes)).toEqual(['DELETED c', 'MODIFIED b', 'ADDED d']);
    // The tombstone carries the last known object.
    expect(changes[0]?.object).toEqual(obj('c', '1'));
    expect(s.list().map(keyOf)).toEqual(['a', 'b', 'd']);
  });

  it('applies watch events and follows their resourceVersion', () => {
    const s = new ObjectStore();
    s.replace([], '1');
    expect(s.apply('ADDED', obj('a', '2'))?.type).toBe('ADDED');
    expect(s.apply('MODIFIED', obj('a', '3'))?.type).toBe('MODIFIED');
    expect(s.resourceVersion).toBe('3');
    expect(s.apply('DELETED', obj('a', '4'))?.type).toBe('DELETED');
    expect(s.size).toBe(0);
  });

  it('ignores a repeat of the held object and a delete of an unknown one', () => {
    const s = new ObjectStore();
    s.replace([obj('a', '2')], '2');
    expect(s.apply('MODIFIED', obj('a', '2'))).toBeNull();
    expect(s.apply('DELETED', obj('ghost', '3'))).toBeNull();
    expect(s.resourceVersion).toBe('3');
  });

  it('calls a MODIFIED of an unknown object ADDED (it may have been created while away)', () => {
    const s = new ObjectStore();
    expect(s.apply('MODIFIED', obj('a', '1'))?.type).toBe('ADDED');
  });

  it('drops managedFields on the way in', () => {
    const s = new ObjectStore();
    s.replace([{ metadata: { name: 'a', resourceVersion: '1', managedFields: [{ manager: 'kubectl' }] } }], '1');
    s.apply('ADDED', { metadata: { name: 'b', resourceVersion: '2', managedFields: [] } });
    expect(s.list().every((o) => o.metadata && !('managedFields' in o.metadata))).toBe(true);
  });
});

describe('trim', () => {
  it('returns the same object when there is nothing to drop', () => {
    const o = obj('a', '1');
    expect(trim(o)).toBe(o);
  });
});
