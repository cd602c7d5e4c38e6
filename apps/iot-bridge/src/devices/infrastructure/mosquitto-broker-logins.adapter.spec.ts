import { BRIDGE_GRANTS } from '../domain/device-topics';
import { renderAclFile, renderPasswordFile } from './mosquitto-broker-logins.adapter';

describe('mosquitto auth files', () => {
  const logins = [
    { username: 'reader-2', passwordHash: '$7$101$c2FsdA==$aGFzaA==' },
    { username: 'iot-bridge', passwordHash: '$7$101$YnJpZGdl$aGFzaA==', grants: BRIDGE_GRANTS },
    { username: 'panel-1', passwordHash: '$7$101$cGFuZWw=$aGFzaA==' },
  ];

  it('lists one username:hash line per login, sorted (so equal registries give equal files)', () => {
    expect(renderPasswordFile(logins)).toBe(
      'iot-bridge:$7$101$YnJpZGdl$aGFzaA==\npanel-1:$7$101$cGFuZWw=$aGFzaA==\nreader-2:$7$101$c2FsdA==$aGFzaA==\n',
    );
  });

  it('binds every device to the topics carrying its own login, and gives the bridge the ones it serves', () => {
    const acl = renderAclFile(logins);
    expect(acl).toBe(
      [
        '# A login reaches the device topics that carry its own name; the bridge also its block below.',
        'pattern write rfid/%u/scan',
        'pattern read rfid/%u/response',
        'pattern write panel/%u/checkin',
        'pattern write panel/%u/checkout',
        'pattern write panel/%u/button/pressed',
        'pattern read panel/%u/response',
        'pattern readwrite tablet/%u/#',
        'pattern read camera/%u/stream',
        'pattern write camera/%u/status',
        '',
        'user iot-bridge',
        'topic read rfid/+/scan',
        'topic read panel/+/checkin',
        'topic read panel/+/checkout',
        'topic read panel/+/button/pressed',
        'topic read tablet/+/status',
        'topic read camera/+/status',
        'topic write rfid/+/response',
        'topic write panel/+/response',
        'topic write camera/+/stream',
        'topic read $SYS/#',
        '',
      ].join('\n'),
    );
    // No device is named in the ACL: what a device reaches cannot follow from registry data.
    expect(acl).not.toMatch(/reader-2|panel-1/);
    expect(acl).not.toMatch(/court/);
  });
});
