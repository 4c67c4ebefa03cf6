'use client';

import { StreamLanguage, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { shell } from '@codemirror/legacy-modes/mode/shell';
import { EditorState } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';

import { pageNonce } from '@/lib/client/page-policy';

// A shell-script editor (CodeMirror 6, shell highlighting). Loaded with next/dynamic from
// script-field.tsx so only the composer carries it. Tab is left to the browser (no
// indentWithTab), so keyboard users can move on from the editor.

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  labelledBy: string;
  describedBy?: string;
  invalid: boolean;
}

export default function CodeEditor({ value, onChange, labelledBy, describedBy, invalid }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (host.current === null) return;
    const attributes: Record<string, string> = { 'aria-labelledby': labelledBy, 'data-testid': 'script-editor' };
    if (describedBy !== undefined) attributes['aria-describedby'] = describedBy;
    if (invalid) attributes['aria-invalid'] = 'true';
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          drawSelection(),
          highlightActiveLine(),
          StreamLanguage.define(shell),
          syntaxHighlighting(defaultHighlightStyle),
          EditorView.lineWrapping,
          // Its styles go into a style element, which the page's policy admits only with its nonce.
          EditorView.cspNonce.of(pageNonce() ?? ''),
          EditorView.contentAttributes.of(attributes),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => editor.destroy();
    // Created once per field; later values arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [labelledBy, describedBy, invalid]);

  // A value set from outside (file upload, import) replaces the text.
  useEffect(() => {
    const editor = view.current;
    if (editor !== null && editor.state.doc.toString() !== value)
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  return (
    <div
      ref={host}
      className={
        'max-h-96 overflow-auto rounded border border-zinc-300 bg-white text-sm text-zinc-900 ' +
        '[&_.cm-editor.cm-focused]:outline-2 [&_.cm-editor.cm-focused]:outline-blue-600'
      }
    />
  );
}
