import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  editMarkedSection,
  matchesOutsidePveSections,
  perlLines,
  removePveSections,
} from '../../src/setup/marked-section.js';

const H = '# --- BEGIN PVE ---\n';
const T = '# --- END PVE ---\n';

describe('editMarkedSection (ct_modify_file, spec §1.6)', () => {
  it('creates the file with the block when it does not exist; nothing for empty data', () => {
    expect(editMarkedSection(undefined, 'a')).toEqual({
      kind: 'write',
      content: `${H}a\n${T}`,
      withPerms: true,
    });
    expect(editMarkedSection(undefined, '')).toEqual({ kind: 'none' });
    expect(editMarkedSection(undefined, '0')).toEqual({ kind: 'none' });
  });

  it('appending to an existing empty file starts with a blank line', () => {
    expect(editMarkedSection('', 'a\n')).toEqual({
      kind: 'write',
      content: `\n${H}a\n${T}`,
      withPerms: true,
    });
  });

  it('prepending to an empty file leaves a blank line after the block', () => {
    expect(editMarkedSection('', 'a', { prepend: true })).toEqual({
      kind: 'write',
      content: `${H}a\n${T}\n`,
      withPerms: true,
    });
  });

  it('replace discards the rest of a file without a section', () => {
    expect(editMarkedSection('x\ny\n', 'a', { replace: true })).toEqual({
      kind: 'write',
      content: `${H}a\n${T}`,
      withPerms: true,
    });
  });

  it('appends after the existing lines, dropping trailing blank lines', () => {
    expect(editMarkedSection('x\n\n\n', 'a')).toEqual({
      kind: 'write',
      content: `x\n${H}a\n${T}`,
      withPerms: true,
    });
  });

  it('rewrites an existing section in place without the requested perms', () => {
    const edit = editMarkedSection(`x\n${H}old\n${T}y\n`, 'new', { replace: true });
    expect(edit).toEqual({ kind: 'write', content: `x\n${H}new\n${T}y\n`, withPerms: false });
  });

  it('matches loose markers (BEGIN case-sensitive, END case-insensitive)', () => {
    expect(editMarkedSection(`#---BEGIN PVE\nold\n# --- end pve ---\n`, 'n')).toEqual({
      kind: 'write',
      content: `${H}n\n${T}`,
      withPerms: false,
    });
    expect(editMarkedSection(`# --- begin pve ---\nold\n# --- END PVE ---\n`, 'n').kind).toBe(
      'write',
    );
    expect(editMarkedSection(`# --- begin pve ---\nold\n# --- END PVE ---\n`, 'n')).toEqual({
      kind: 'write',
      content: `# --- begin pve ---\nold\n# --- END PVE ---\n${H}n\n${T}`,
      withPerms: true,
    });
  });

  it('a section-only file with empty data is left alone, or unlinked with delete', () => {
    expect(editMarkedSection(`${H}old\n${T}`, '')).toEqual({ kind: 'none' });
    expect(editMarkedSection(`${H}old\n${T}\n\n`, '', { delete: true })).toEqual({
      kind: 'unlink',
    });
  });

  it('QUIRK: emptying a section inside a file adds one blank line per run', () => {
    const first = editMarkedSection(`${H}old\n${T}user\n`, '', { delete: true });
    expect(first).toEqual({ kind: 'write', content: `${H}${T}\nuser\n`, withPerms: false });
    const second = editMarkedSection((first as { content: string }).content, '');
    expect(second).toEqual({ kind: 'write', content: `${H}${T}\n\nuser\n`, withPerms: false });
  });

  it('an emptied section at the end of the file is stable', () => {
    const first = editMarkedSection(`user\n${H}old\n${T}`, '');
    expect(first).toEqual({ kind: 'write', content: `user\n${H}${T}\n`, withPerms: false });
    expect(editMarkedSection((first as { content: string }).content, '')).toEqual(first);
  });
});

describe('perlLines and removePveSections', () => {
  it('perlLines drops trailing empty strings only', () => {
    expect(perlLines('a\n\nb\n\n\n')).toEqual(['a', '', 'b']);
    expect(perlLines('')).toEqual([]);
    expect(perlLines('a')).toEqual(['a']);
  });

  it('removes greedily from the first BEGIN to the end of the last END line', () => {
    expect(removePveSections(`a\n${H}x\n${T}b\n  ${H}y\n${T}c\n`)).toBe('a\n\nc\n');
    expect(removePveSections('a\nb\n')).toBe('a\nb\n');
  });
});

describe('matchesOutsidePveSections', () => {
  const patterns = [/^[ \t]*127\.0\.0\.1[ \t]+/m, /^[ \t]*::1[ \t]+/m];
  const line = fc.constantFrom(
    '# --- BEGIN PVE ---',
    '  # --- BEGIN PVE --- x',
    '# --- END PVE ---',
    '\t# --- END PVE ---\r',
    '127.0.0.1 localhost',
    ' 127.0.0.1\tx',
    '127.0.0.1',
    '::1 localhost',
    '#::1 x',
    'x ::1 y',
    '',
    '\r',
  );

  it('answers as testing the text removePveSections leaves (random files of markers and lines)', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.boolean(), (lines, finalLf) => {
        const text = lines.join('\n') + (finalLf ? '\n' : '');
        for (const re of patterns)
          expect(matchesOutsidePveSections(text, re)).toBe(re.test(removePveSections(text)));
      }),
      { numRuns: 3000 },
    );
  });

  it('a line inside the section does not count; one before or after it does', () => {
    const re = patterns[0] as RegExp;
    expect(matchesOutsidePveSections(`a\n${H}127.0.0.1 x\n${T}b\n`, re)).toBe(false);
    expect(matchesOutsidePveSections(`127.0.0.1 x\n${H}y\n${T}`, re)).toBe(true);
    expect(matchesOutsidePveSections(`${H}y\n${T}127.0.0.1 x\n`, re)).toBe(true);
  });
});
