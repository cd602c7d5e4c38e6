import { matchTopic } from './topic-filter';

describe('matchTopic', () => {
  it('returns the levels the + wildcards took', () => {
    expect(matchTopic('rfid/+/scan', 'rfid/reader-1/scan')).toEqual(['reader-1']);
    expect(matchTopic('panel/+/button/pressed', 'panel/p1/button/pressed')).toEqual(['p1']);
  });

  it('does not match other shapes', () => {
    expect(matchTopic('rfid/+/scan', 'rfid/reader-1/response')).toBeUndefined();
    expect(matchTopic('rfid/+/scan', 'rfid/a/b/scan')).toBeUndefined();
    expect(matchTopic('panel/+/checkin', 'panel/p1')).toBeUndefined();
  });

  it('gives # the rest of the topic', () => {
    expect(matchTopic('tablet/+/#', 'tablet/t1/status/battery')).toEqual(['t1', 'status/battery']);
  });
});
