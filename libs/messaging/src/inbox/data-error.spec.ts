import { dataExceptionCode, notRetried } from './data-error';

const pgError = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('dataExceptionCode', () => {
  it('names a PostgreSQL data exception (class 22) however it is wrapped', () => {
    expect(dataExceptionCode(pgError('22P05', 'unsupported Unicode escape sequence'))).toBe('22P05');
    // TypeORM's QueryFailedError: the driver error as `driverError` (and its fields copied).
    const typeorm = Object.assign(new Error('query failed'), { driverError: pgError('22021') });
    expect(dataExceptionCode(typeorm)).toBe('22021');
    expect(dataExceptionCode(new Error('handler failed', { cause: pgError('22P02') }))).toBe('22P02');
  });

  it('leaves every other failure to the retries', () => {
    for (const error of [
      pgError('40001'), // serialization failure: a retry may well pass
      pgError('23505'), // unique violation
      pgError('57P01'), // admin shutdown
      pgError('ECONNREFUSED'),
      new Error('vendor down'),
      'a string',
      undefined,
      null,
    ]) {
      expect(dataExceptionCode(error)).toBeUndefined();
    }
  });

  it('stops on a cause cycle', () => {
    const a: { cause?: unknown } = {};
    const b = { cause: a };
    a.cause = b;
    expect(dataExceptionCode(a)).toBeUndefined();
  });

  it('says in the reason that the message was not retried, and why', () => {
    expect(notRetried('22P05', 'unsupported Unicode escape sequence')).toBe(
      'data exception (SQLSTATE 22P05), not retried: unsupported Unicode escape sequence',
    );
  });
});
