import t from 'tap';
import { expectedVersionForWrite, formatETag, parseIfMatch } from './etag.js';
import { HttpProblem } from './http-problem.js';

t.test('a stream version is a strong ETag', async (t) => {
  t.equal(formatETag(1), '"1"');
  t.equal(formatETag(42), '"42"');
  t.throws(() => formatETag(0), RangeError, 'a stream with no event has no representation, so no ETag');
  t.throws(() => formatETag(1.5), RangeError);
});

t.test('If-Match is read into versions', async (t) => {
  t.same(parseIfMatch(undefined), { kind: 'absent' });
  t.same(parseIfMatch('*'), { kind: 'any' });
  t.same(parseIfMatch('"3"'), { kind: 'versions', versions: [3] });
  t.same(parseIfMatch(' "3" , "5"'), { kind: 'versions', versions: [3, 5] });
  t.same(parseIfMatch('W/"3"'), { kind: 'versions', versions: [] }, 'weak tags never match a strong comparison');
  t.same(parseIfMatch('"abc", "0", "07"'), { kind: 'versions', versions: [] }, 'tags that are not ours never match');
});

t.test('a malformed If-Match is a 400, never "no precondition"', async (t) => {
  for (const header of ['3', '"3', 'W/3', '"3",', '']) {
    const error = catchProblem(() => parseIfMatch(header));
    t.equal(error.status, 400, `for ${JSON.stringify(header)}`);
    t.equal(error.code, 'INVALID_IF_MATCH');
  }
});

t.test('the version a write expects', async (t) => {
  t.test('given no If-Match, the version just read', async (t) => {
    t.equal(expectedVersionForWrite(undefined, 0), 0);
    t.equal(expectedVersionForWrite(undefined, 7), 7);
  });

  t.test('given If-Match naming the current version, that version', async (t) => {
    t.equal(expectedVersionForWrite('"7"', 7), 7);
    t.equal(expectedVersionForWrite('"6", "7"', 7), 7);
  });

  t.test('given If-Match naming an older version, 412 with the current ETag', async (t) => {
    const error = catchProblem(() => expectedVersionForWrite('"6"', 7));
    t.equal(error.status, 412);
    t.equal(error.code, 'PRECONDITION_FAILED');
    t.same(error.details, { currentETag: '"7"' });
    t.match(error.message, /now at ETag "7"/);
  });

  t.test('given a weak tag of the current version, 412', async (t) => {
    t.equal(catchProblem(() => expectedVersionForWrite('W/"7"', 7)).status, 412);
  });

  t.test('given If-Match: *, the resource must exist', async (t) => {
    t.equal(expectedVersionForWrite('*', 2), 2);
    t.equal(catchProblem(() => expectedVersionForWrite('*', 0)).status, 412);
  });

  t.test('given a stream with no event, no tag matches', async (t) => {
    t.equal(catchProblem(() => expectedVersionForWrite('"0"', 0)).status, 412);
  });
});

function catchProblem(action: () => unknown): HttpProblem {
  try {
    action();
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('expected an HttpProblem, nothing was thrown');
}
