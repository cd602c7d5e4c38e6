import { registrationProblem } from './device';

describe('device registration rules', () => {
  it('needs a court for readers, court panels and cameras, not for tablets', () => {
    expect(registrationProblem({ deviceId: 'r1', kind: 'rfid-reader' })).toMatch(/courtId: required/);
    expect(registrationProblem({ deviceId: 'p1', kind: 'court-panel' })).toMatch(/courtId: required/);
    expect(registrationProblem({ deviceId: 'c1', kind: 'camera' })).toBe('courtId: required for a camera');
    expect(registrationProblem({ deviceId: 't1', kind: 'tablet' })).toBeUndefined();
    expect(registrationProblem({ deviceId: 'r1', kind: 'rfid-reader', courtId: 'court-1' })).toBeUndefined();
  });

  it.each(['a/b', 'r+', 'r#', 'has space', '', 'x'.repeat(65)])(
    'refuses the id %p, which could escape its topics',
    (id) => {
      expect(registrationProblem({ deviceId: id, kind: 'tablet' })).toMatch(/^deviceId/);
      expect(registrationProblem({ deviceId: 'r1', kind: 'rfid-reader', courtId: id })).toMatch(/^courtId/);
    },
  );
});
