import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { parseBoolean, parsePropertyString } from '../../src/schema/property-string.js';
import {
  printPropertyString,
  printPropertyStringDetailed,
} from '../../src/schema/print-property-string.js';
import type { PropertyStringFormat } from '../../src/schema/property-schema.js';
import { netFormat, rootfsFormat } from '../../src/schema/formats/index.js';

const demo = {
  vol: { type: 'string', defaultKey: true, description: 'default key' },
  req: { type: 'string', description: 'required' },
  flag: { type: 'boolean', optional: true, description: 'a boolean' },
  n: { type: 'integer', optional: true, minimum: 2, maximum: 9, description: 'an integer' },
  word: { type: 'string', optional: true, minLength: 2, maxLength: 4, description: 'a word' },
  size: { type: 'string', format: 'disk-size', optional: true, description: 'a size' },
} as const satisfies PropertyStringFormat;

const parsed = (input: string) => parsePropertyString(demo, input);
// A refusal with per-field messages is a `format error` (kind `fields`); one without, the parser's.
const failed = (message: string, fields: Record<string, string> = {}) =>
  E.left({ kind: Object.keys(fields).length > 0 ? 'fields' : 'syntax', message, fields });

describe('parseBoolean', () => {
  it('accepts the Perl spellings in any case, plus one final newline', () => {
    expect(['1', 'on', 'YES', 'True', 'true\n'].map(parseBoolean)).toEqual([1, 1, 1, 1, 1]);
    expect(['0', 'OFF', 'no', 'False'].map(parseBoolean)).toEqual([0, 0, 0, 0]);
    expect(['01', '2', ' 1', '', 'y'].map(parseBoolean)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('parsePropertyString', () => {
  it('fills the default key from a bare part, wherever it stands', () => {
    expect(parsed('req=r,x')).toEqual(E.right({ vol: 'x', req: 'r' }));
  });

  it('keeps = inside values and does not trim', () => {
    expect(parsed('x,req= a=b ')).toEqual(E.right({ vol: 'x', req: ' a=b ' }));
  });

  it('a bare value replaces a Perl-falsy default key value ("0")', () => {
    expect(parsed('vol=0,x,req=r')).toEqual(E.right({ vol: 'x', req: 'r' }));
    expect(parsed('vol=00,x,req=r')).toEqual(
      failed('duplicate key in comma-separated list property: vol\n'),
    );
  });

  it('a value may end in one newline (Perl `$`), which is dropped', () => {
    expect(parsed('x,req=r\n')).toEqual(E.right({ vol: 'x', req: 'r' }));
    expect(parsed('x,req=r\nq')).toEqual(failed('missing key in comma-separated list property\n'));
  });

  it('keys that are Object.prototype names are plain keys', () => {
    const r = parsed('x,req=r,__proto__=1,constructor=2');
    expect(E.isLeft(r) && Object.keys(r.left.fields)).toEqual(['__proto__', 'constructor']);
    expect(r).toEqual(
      failed(
        'format error\n__proto__: property is not defined in schema and the schema does not allow additional properties\nconstructor: property is not defined in schema and the schema does not allow additional properties\n',
        {
          ['__proto__']:
            'property is not defined in schema and the schema does not allow additional properties',
          constructor:
            'property is not defined in schema and the schema does not allow additional properties',
        },
      ),
    );
  });

  it('reports the first failing check per key, sorted by key', () => {
    expect(parsed('x,req=r,n=1,word=abcde,flag=2')).toEqual(
      failed(
        "format error\nflag: type check ('boolean') failed - got '2'\nn: value must have a minimum value of 2\nword: value may only be 4 characters long\n",
        {
          flag: "type check ('boolean') failed - got '2'",
          n: 'value must have a minimum value of 2',
          word: 'value may only be 4 characters long',
        },
      ),
    );
    expect(parsed('x,req=r,word=a')).toEqual(
      failed('format error\nword: value must be at least 2 characters long\n', {
        word: 'value must be at least 2 characters long',
      }),
    );
  });

  it('counts lengths in UTF-8 bytes, like Perl on raw values', () => {
    expect(E.isRight(parsed('x,req=r,word=éé'))).toBe(true);
    expect(E.isLeft(parsed('x,req=r,word=ééé'))).toBe(true);
  });

  it('patterns are ASCII-only', () => {
    expect(E.isLeft(parsePropertyString(netFormat, 'name=ethé'))).toBe(true);
    expect(E.isLeft(parsePropertyString(netFormat, 'name=eth٣'))).toBe(true);
    expect(parsePropertyString(netFormat, 'name=eth0\n')).toEqual(E.right({ name: 'eth0' }));
  });
});

describe('printPropertyString', () => {
  it('prints default key bare, then required keys, then the rest sorted', () => {
    expect(
      printPropertyString(demo, { word: 'ab', req: 'r', flag: 1, vol: 'v', extra: 'e' }),
    ).toEqual(E.right('v,req=r,extra=e,flag=1,word=ab'));
  });

  it('skips undefined values and the skip list', () => {
    expect(
      printPropertyString(
        demo,
        { vol: 'v', req: 'r', flag: undefined, word: 'ab' },
        { skip: ['word'] },
      ),
    ).toEqual(E.right('v,req=r'));
  });

  it('validates before printing (additional keys allowed)', () => {
    expect(printPropertyString(demo, { vol: 'v' })).toEqual(
      failed('format error\nreq: property is missing and it is not optional\n', {
        req: 'property is missing and it is not optional',
      }),
    );
    expect(printPropertyString(demo, { vol: 'v', req: 'r', n: 10 })).toEqual(
      failed('format error\nn: value must have a maximum value of 9\n', {
        n: 'value must have a maximum value of 9',
      }),
    );
  });

  it('refuses values with commas', () => {
    expect(printPropertyString(demo, { vol: 'a,b', req: 'r' })).toEqual(
      E.left({
        kind: 'comma',
        message: 'illegal value with commas for vol\n',
        fields: {},
        field: 'vol',
      }),
    );
  });

  it('disk-size keys go through format_size; text sizes get Perl int() and a warning', () => {
    expect(printPropertyStringDetailed(demo, { vol: 'v', req: 'r', size: 1610612736 })).toEqual(
      E.right({ text: 'v,req=r,size=1536M', warnings: [] }),
    );
    expect(printPropertyStringDetailed(rootfsFormat, { volume: 'local:x', size: '0.5K' })).toEqual(
      E.right({
        text: 'local:x,size=0T',
        warnings: [
          'Argument "0.5K" isn\'t numeric in int at pve-common/src/PVE/JSONSchema.pm line 1044.\n',
        ],
      }),
    );
  });

  it('net prints name first, then the rest sorted', () => {
    const r = parsePropertyString(
      netFormat,
      'type=veth,link_down=1,ip6=auto,host-managed=0,hwaddr=BC:24:11:00:00:01,name=eth0',
    );
    expect(E.chain(printPropertyString.bind(null, netFormat))(r)).toEqual(
      E.right('name=eth0,host-managed=0,hwaddr=BC:24:11:00:00:01,ip6=auto,link_down=1,type=veth'),
    );
  });
});
