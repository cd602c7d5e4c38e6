import { clipCut, clipSourceAssetId, clipWindow, recordedSeconds } from './mux.clips';

describe('Mux clip windows', () => {
  const finished = { durationSeconds: 60, live: false };
  const live = { durationSeconds: 42.5, live: true };

  it('takes a window inside what was recorded, in seconds from the start of the source', () => {
    expect(clipWindow({ start_time: 20, end_time: 50 }, finished)).toEqual({ startTime: 20, endTime: 50 });
    expect(clipWindow({ start_time: 12.25, end_time: 42.5 }, live)).toEqual({
      startTime: 12.25,
      endTime: 42.5,
    });
  });

  it('defaults to the whole source: from 0 to its duration, or to the live edge', () => {
    expect(clipWindow({}, finished)).toEqual({ startTime: 0, endTime: 60 });
    expect(clipWindow({ start_time: 30 }, live)).toEqual({ startTime: 30, endTime: 42.5 });
  });

  it('refuses a negative start, an empty or reversed window, and a start past the end', () => {
    expect(clipWindow({ start_time: -1, end_time: 10 }, finished)).toEqual({
      problem: 'start_time must be greater than or equal to 0',
    });
    expect(clipWindow({ start_time: 10, end_time: 10 }, finished)).toMatchObject({
      problem: expect.stringMatching(/end_time \(10\) must be greater than start_time \(10\)/),
    });
    expect(clipWindow({ start_time: 20, end_time: 5 }, finished)).toHaveProperty('problem');
    expect(clipWindow({ start_time: 60 }, finished)).toMatchObject({
      problem: expect.stringMatching(
        /start_time \(60\) must be less than the source asset's duration \(60 s\)/,
      ),
    });
  });

  it("refuses an end past a finished source's duration", () => {
    expect(clipWindow({ start_time: 0, end_time: 60.001 }, finished)).toMatchObject({
      problem: "end_time (60.001) must be less than or equal to the source asset's duration (60 s)",
    });
    expect(clipWindow({ start_time: 50, end_time: 90 }, finished)).toHaveProperty('problem');
  });

  it('takes a window ending past the live edge while the source records: the clip waits for it', () => {
    // The highlight button: 10 s before the press (the live edge), 30 s long.
    expect(clipWindow({ start_time: 32.5, end_time: 62.5 }, live)).toEqual({
      startTime: 32.5,
      endTime: 62.5,
    });
    // Even one starting past the edge, given its end; without an end it would be empty.
    expect(clipWindow({ start_time: 50, end_time: 60 }, live)).toEqual({ startTime: 50, endTime: 60 });
    expect(clipWindow({ start_time: 50 }, live)).toMatchObject({
      problem: 'start_time (50) must be less than the live edge of the source recording (42.5 s)',
    });
    // The other rules still hold while live.
    expect(clipWindow({ start_time: -1, end_time: 60 }, live)).toHaveProperty('problem');
    expect(clipWindow({ start_time: 60, end_time: 50 }, live)).toMatchObject({
      problem: 'end_time (50) must be greater than start_time (60)',
    });
  });

  it('reads the source asset of a mux:// input URL only', () => {
    expect(clipSourceAssetId('mux://assets/ymDhKE00YZ12XxJLFo76DIVqCzL15bVf2')).toBe(
      'ymDhKE00YZ12XxJLFo76DIVqCzL15bVf2',
    );
    expect(clipSourceAssetId('https://example.com/video.mp4')).toBeNull();
    expect(clipSourceAssetId('mux://live-streams/abc')).toBeNull();
  });
});

describe('clip cut', () => {
  const window = { startTime: 20, endTime: 50 };

  it('cuts the window as asked once the source holds its end, live or not', () => {
    expect(clipCut(window, { durationSeconds: 50, live: true })).toEqual({ cut: window });
    expect(clipCut(window, { durationSeconds: 80, live: false })).toEqual({ cut: window });
  });

  it('waits for the seconds a recording in progress has still to record', () => {
    expect(clipCut(window, { durationSeconds: 30, live: true })).toEqual({ waitSeconds: 20 });
    expect(clipCut(window, { durationSeconds: 10.25, live: true })).toEqual({ waitSeconds: 39.75 });
  });

  it('cuts at what was recorded when the recording ended short of the end', () => {
    expect(clipCut(window, { durationSeconds: 41.5, live: false })).toEqual({
      cut: { startTime: 20, endTime: 41.5 },
    });
  });

  it('fails when the recording ended before reaching start_time', () => {
    expect(clipCut(window, { durationSeconds: 20, live: false })).toEqual({
      problem:
        "The live stream ended after 20 s of recording, before the clip's start_time (20 s): there is nothing to clip.",
    });
    expect(clipCut(window, { durationSeconds: 5, live: false })).toHaveProperty('problem');
  });
});

describe('recorded seconds', () => {
  const t0 = Date.parse('2026-03-01T20:00:00Z');

  it('lays encoder sessions end to end, leaving out the gaps between them', () => {
    const sessions = [
      { startedAt: t0, endedAt: t0 + 30_000 },
      { startedAt: t0 + 90_000, endedAt: t0 + 100_500 },
    ];
    expect(recordedSeconds(sessions, t0 + 500_000)).toBe(40.5);
  });

  it('counts an open session up to now: the live edge moves with the clock', () => {
    const sessions = [{ startedAt: t0, endedAt: null }];
    expect(recordedSeconds(sessions, t0 + 12_345)).toBe(12.345);
    expect(recordedSeconds(sessions, t0 + 20_000)).toBe(20);
    expect(recordedSeconds([], t0)).toBe(0);
  });
});
