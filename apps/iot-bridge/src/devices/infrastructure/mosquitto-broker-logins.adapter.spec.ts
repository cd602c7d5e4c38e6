import { BRIDGE_GRANTS, deviceGrants } from '../domain/device';
import { renderAclFile, renderPasswordFile } from './mosquitto-broker-logins.adapter';

describe('mosquitto auth files', () => {
  const logins = [
    {
      username: 'reader-2',
      passwordHash: '$7$101$c2FsdA==$aGFzaA==',
      grants: deviceGrants({ deviceId: 'reader-2', kind: 'rfid-reader', courtId: 'court-1' }),
    },
    { username: 'iot-bridge', passwordHash: '$7$101$YnJpZGdl$aGFzaA==', grants: BRIDGE_GRANTS },
    {
      username: 'panel-1',
      passwordHash: '$7$101$cGFuZWw=$aGFzaA==',
      grants: deviceGrants({ deviceId: 'panel-1', kind: 'court-panel', courtId: 'court-7' }),
    },
  ];

  it('lists one username:hash line per login, sorted (so equal registries give equal files)', () => {
    expect(renderPasswordFile(logins)).toBe(
      'iot-bridge:$7$101$YnJpZGdl$aGFzaA==\npanel-1:$7$101$cGFuZWw=$aGFzaA==\nreader-2:$7$101$c2FsdA==$aGFzaA==\n',
    );
  });

  it('gives each device only its own topics, and the bridge the device topics it serves', () => {
    expect(renderAclFile(logins)).toBe(
      [
        'user iot-bridge',
        'topic read rfid/+/scan',
        'topic read court/+/checkin',
        'topic read court/+/checkout',
        'topic read court/+/button/pressed',
        'topic read tablet/+/status',
        'topic write rfid/+/response',
        'topic read $SYS/#',
        '',
        'user panel-1',
        'topic readwrite court/court-7/#',
        '',
        'user reader-2',
        'topic write rfid/reader-2/scan',
        'topic read rfid/reader-2/response',
        '',
      ].join('\n'),
    );
  });
});
