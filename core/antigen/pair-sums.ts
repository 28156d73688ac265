/** The sums two paired series give a correlation or a linear fit, over the pairs `keep` accepts. */
export interface PairSums {
  n: number;
  sa: number;
  sb: number;
  saa: number;
  sbb: number;
  sab: number;
}

/** Sums over the index pairs of `a` and `b` whose values `keep` accepts (a missing value reads NaN). */
export function pairSums(a: ArrayLike<number>, b: ArrayLike<number>, keep: (va: number, vb: number) => boolean): PairSums {
  let n = 0;
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (let index = 0; index < a.length; index += 1) {
    const va = a[index] ?? Number.NaN;
    const vb = b[index] ?? Number.NaN;
    if (!keep(va, vb)) continue;
    n += 1;
    sa += va;
    sb += vb;
    saa += va * va;
    sbb += vb * vb;
    sab += va * vb;
  }
  return { n, sa, sb, saa, sbb, sab };
}

/** Pearson's correlation of the summed pairs; 0 when either side is flat. */
export function pearson({ n, sa, sb, saa, sbb, sab }: PairSums): number {
  const varA = saa - (sa * sa) / n;
  const varB = sbb - (sb * sb) / n;
  return varA > 0 && varB > 0 ? (sab - (sa * sb) / n) / Math.sqrt(varA * varB) : 0;
}
