import { clipWindow, isDebounced } from './highlight';

const at = (iso: string) => new Date(iso);

describe('a highlight', () => {
  it('starts 10 s before the press and lasts 30 s, measured from the recording’s first frame', () => {
    expect(clipWindow(at('2026-12-02T20:05:00.250Z'), at('2026-12-02T20:00:00.000Z'))).toEqual({
      startSeconds: 290.25,
      endSeconds: 320.25,
    });
  });

  it('never starts before the recording: a press in its first 10 s clips from 0 to 30', () => {
    expect(clipWindow(at('2026-12-02T20:00:04Z'), at('2026-12-02T20:00:00Z'))).toEqual({
      startSeconds: 0,
      endSeconds: 30,
    });
  });

  it('takes a press within the debounce of the last one, either side, as the same play', () => {
    const last = at('2026-12-02T20:05:00Z');
    expect(isDebounced(at('2026-12-02T20:05:04.999Z'), last, 5_000)).toBe(true);
    expect(isDebounced(at('2026-12-02T20:04:57Z'), last, 5_000)).toBe(true);
    expect(isDebounced(at('2026-12-02T20:05:05Z'), last, 5_000)).toBe(false);
    expect(isDebounced(last, undefined, 5_000)).toBe(false);
  });
});
