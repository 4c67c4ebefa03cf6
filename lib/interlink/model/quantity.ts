// Kubernetes resource quantities (`0.2`, `500m`, `4Gi`, `1e3`), read exactly. Exact matters:
// the Slurm plugin turns a CPU limit into ceil(milli-CPUs / 1000) CPUs, and in floating point
// 0.2 × 1000 is 200.00000000000003, whose ceiling would be wrong.

/** A non-negative rational number: num / den, den > 0. */
export interface Quantity {
  num: bigint;
  den: bigint;
}

const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const FORMAT = /^\+?(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

export function parseQuantity(text: string): Quantity | null {
  const m = FORMAT.exec(text);
  if (m === null) return null;
  const [, digits = '', suffix = ''] = m;
  const [whole = '', fraction = ''] = digits.split('.');
  let num = BigInt(`${whole}${fraction}` || '0');
  let den = 10n ** BigInt(fraction.length);
  const binary = BINARY[suffix];
  const exponent = binary === undefined ? (DECIMAL[suffix] ?? Number(suffix.slice(1))) : 0;
  if (binary !== undefined) num *= 2n ** BigInt(binary);
  // An absurd exponent (1e999999) is not a quantity anyone means; refuse it instead of hanging.
  if (Math.abs(exponent) > 100) return null;
  if (exponent >= 0) num *= 10n ** BigInt(exponent);
  else den *= 10n ** BigInt(-exponent);
  return { num, den };
}

/** Why `text` is not a usable quantity, or null. */
export function quantityError(text: string, example: string): string | null {
  return parseQuantity(text) === null
    ? `'${text}' is not a Kubernetes quantity; use a number with an optional unit (e.g. ${example})`
    : null;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** Kubernetes' MilliValue(): thousandths, rounded up. */
export function ceilMilli(q: Quantity): bigint {
  return ceilDiv(q.num * 1000n, q.den);
}

/** Kubernetes' Value(): the integer value, rounded up. */
export function ceilValue(q: Quantity): bigint {
  return ceilDiv(q.num, q.den);
}
