/** The LXC version the host runs (`get_lxc_version`), from the output of `lxc-start --version`. */

const VERSION_LINE = /^([0-9]+)\.([0-9]+)(?:[^0-9][^\n]*)?$/;

/** Major and minor of the first line shaped `<major>.<minor>[non-digit…]`, if any. */
export function parseLxcVersion(
  output: string,
): { readonly major: number; readonly minor: number } | undefined {
  for (const line of output.split('\n')) {
    const m = VERSION_LINE.exec(line);
    if (m !== null) return { major: Number(m[1]), minor: Number(m[2]) };
  }
  return undefined;
}
