/**
 * The HLS media playlist stream.mux.com answers for a playback id, reduced to what a test can check:
 * segments covering exactly the media's duration, `#EXT-X-ENDLIST` once it is over (an on-demand asset,
 * a finished recording) and none while a live stream is still recording (DVR: every segment so far).
 * Mux answers a multivariant playlist with a rendition per resolution; the sandbox answers the one
 * rendition, and its segment URIs are not served.
 */

/** Mux's segment length for standard-latency streams and on-demand assets, in seconds. */
export const SEGMENT_SECONDS = 4;

export function hlsPlaylist(
  durationSeconds: number,
  options: { ended: boolean; segmentPrefix: string },
): string {
  const durations: number[] = [];
  let left = Math.round(durationSeconds * 1_000);
  while (left > 0) {
    const ms = Math.min(left, SEGMENT_SECONDS * 1_000);
    durations.push(ms / 1_000);
    left -= ms;
  }
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${SEGMENT_SECONDS}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    `#EXT-X-PLAYLIST-TYPE:${options.ended ? 'VOD' : 'EVENT'}`,
    ...durations.flatMap((d, i) => [`#EXTINF:${d.toFixed(3)},`, `${options.segmentPrefix}${i}.ts`]),
    ...(options.ended ? ['#EXT-X-ENDLIST'] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** The media seconds a playlist covers (its `#EXTINF` durations summed), for tests and clients. */
export function playlistSeconds(playlist: string): number {
  const total = [...playlist.matchAll(/^#EXTINF:([\d.]+),/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
  return Math.round(total * 1_000) / 1_000;
}
