import { hlsPlaylist, playlistSeconds } from './mux.playlists';

describe('HLS playlists of playback ids', () => {
  it('covers an on-demand clip exactly, in 4 s segments, and ends it', () => {
    const playlist = hlsPlaylist(30, { ended: true, segmentPrefix: 'seg-' });
    expect(playlist.startsWith('#EXTM3U\n')).toBe(true);
    expect(playlistSeconds(playlist)).toBe(30);
    expect(playlist.match(/^#EXTINF:/gm)).toHaveLength(8);
    expect(playlist).toContain('#EXTINF:2.000,\nseg-7.ts');
    expect(playlist.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);
    expect(playlist).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
  });

  it('leaves a live recording open: every segment so far, no end', () => {
    const playlist = hlsPlaylist(9.5, { ended: false, segmentPrefix: 'seg-' });
    expect(playlistSeconds(playlist)).toBe(9.5);
    expect(playlist).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
    expect(playlist).not.toContain('#EXT-X-ENDLIST');
    expect(playlistSeconds(hlsPlaylist(0, { ended: false, segmentPrefix: 's' }))).toBe(0);
  });
});
