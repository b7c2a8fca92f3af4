/**
 * Text for a terminal: control bytes from a file (ESC, NUL, CR, DEL, C1 controls, line and paragraph
 * separators) must not reach the terminal as themselves, or a crafted file can move the cursor, hide
 * lines or retitle the window. They are shown as visible escapes, as git and `ls -b` do. JSON output
 * does not need this (JSON escapes them already).
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

function escapeOne(ch: string): string {
  switch (ch) {
    case '\r':
      return '\\r';
    case '\u001b':
      return '\\e';
    case '\0':
      return '\\0';
    case '\b':
      return '\\b';
    case '\f':
      return '\\f';
    case '\v':
      return '\\v';
    default: {
      const code = ch.charCodeAt(0);
      return code > 0xff
        ? `\\u${code.toString(16).padStart(4, '0')}`
        : `\\x${code.toString(16).padStart(2, '0')}`;
    }
  }
}

/** Escapes control characters in one line of human-readable output (TAB is kept; LF is escaped). */
export function terminalSafeLine(text: string): string {
  return text.replace(/\n/g, '\\n').replace(CONTROL_RE, escapeOne);
}

/** Escapes control characters in multi-line output, keeping the line feeds and TABs. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL_RE, escapeOne);
}
