import { dateOf, duration, money, timeOfDay } from './formats';

describe('formats', () => {
  it('reads money, time and date as a Brazilian member does', () => {
    expect(money(2500, 'pt-BR')).toBe('R$ 25,00');
    expect(money(123456, 'pt-BR')).toBe('R$ 1.234,56');
    const at = new Date('2026-12-01T22:30:00Z');
    expect(timeOfDay(at, 'pt-BR', 'America/Sao_Paulo')).toBe('19:30');
    expect(dateOf(at, 'pt-BR', 'America/Sao_Paulo')).toBe('01/12/2026');
  });

  it('writes durations in hours and minutes', () => {
    expect(duration(65 * 60_000)).toBe('1 h 05 min');
    expect(duration(45 * 60_000 + 20_000)).toBe('45 min');
  });
});
