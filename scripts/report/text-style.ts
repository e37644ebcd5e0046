/**
 * Terminal emphasis. Off unless stdout is a terminal and NO_COLOR is unset (https://no-color.org:
 * any non-empty value), so piped and redirected reports are plain text.
 */
export type TextStyle = {
  bold: (text: string) => string;
  dim: (text: string) => string;
  red: (text: string) => string;
  cyan: (text: string) => string;
};

const sgr = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;

export const PLAIN_STYLE: TextStyle = { bold: (text) => text, dim: (text) => text, red: (text) => text, cyan: (text) => text };
export const COLOR_STYLE: TextStyle = { bold: sgr(1), dim: sgr(2), red: sgr(31), cyan: sgr(36) };

/** Colours only on a terminal and only when NO_COLOR is absent or empty. */
export function shouldColor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(isTTY) && !env.NO_COLOR;
}
