// The output delimiters and the stop-commands token must be unguessable (GitHub's advice for
// multiline outputs: a random delimiter), without loading node:crypto at start (issue #18).
import { randomToken } from '@promote/core/random-token';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('randomToken', () => {
  test('is a version 4 UUID, different every call', () => {
    const tokens = Array.from({ length: 1000 }, () => randomToken());
    for (const t of tokens) expect(t).toMatch(UUID_V4);
    expect(new Set(tokens).size).toBe(1000);
  });

  test('uses every random bit it reads (all but the six of version and variant)', () => {
    const ones = randomToken((b) => b.fill(0xff));
    const zeros = randomToken((b) => b.fill(0));
    expect(ones).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(zeros).toBe('00000000-0000-4000-8000-000000000000');
  });

  test('falls back to crypto.randomUUID where /dev/urandom cannot be read', () => {
    const t = randomToken(() => {
      throw new Error('ENOENT: no such file or directory, open /dev/urandom');
    });
    expect(t).toMatch(UUID_V4);
    expect(t).not.toBe(randomToken());
  });
});
