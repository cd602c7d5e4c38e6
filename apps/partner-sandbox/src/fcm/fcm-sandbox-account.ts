/**
 * The sandbox's own Google service account for FCM (project `sportclub-sandbox`): the account the
 * platform's local configuration uses, stable across restarts so that configuration can name it. The
 * key is a sandbox test key, published here on purpose: Google has never seen it, and the sandbox's
 * token endpoint checks assertions signed with it for real.
 */
export const SANDBOX_PROJECT_ID = 'sportclub-sandbox';
export const SANDBOX_CLIENT_EMAIL = `firebase-adminsdk@${SANDBOX_PROJECT_ID}.iam.gserviceaccount.com`;
export const SANDBOX_PRIVATE_KEY_ID = 'sandbox-0001';

/** PKCS#8 PEM. */
export const SANDBOX_PRIVATE_KEY = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvwIBADANBgkqhkiG9w0BAQEFAASCBKkwggSlAgEAAoIBAQC3dEHX+CSpCcA5',
  '2avnV0bZbIDB6Qr2W7pt3RhIgI2AukWtCTbib5WaukQ1H9LgW3KNrb5rUtSFY/1P',
  'vTOrbddB1oXkkYJD96DgQy/styn5TmZId7AoRBTWcVRzzOh6q8UtKtC1DdgY8qcT',
  'OomcAHdPWyYyLXYYHm3hYzYFqqd5XN5ISuNg9Ap8PiVK4SgnVe9Fl/4wj6Owc4Sw',
  'uy13YmHEjpSsd7RjB+/zTr9JJaf7gVIVdmtXcIEn7y3P0WKUYZmSlTXyTDRii8re',
  'I5I93SFtw9XZOTvLwvvKQjDuFHP2vze1joj+LH6sGPmdJ4oOsWbhliCa9yHw9+Wl',
  'aF7RybLbAgMBAAECggEAOyQb++tPqjzt/thY7j35JauwgJLHyW791WAi7XCf7YFf',
  'Z+6iBnKRiK2GwpeNTG2+qsT5r7CmuY/oADZO+3NwIxXs2Sg9lfq1HscaIpZTzj7D',
  'g5YuMHTuQMmNP72trqpEaRC18sBRS42iZfUHmsadr/QDBscYHKNmqfPpXP9MeTd1',
  'PC8EtohOwPNeOVGs/vOfk0HM+HROhH7EMHQX2iB14+yc71ui102IMKupi0gIHxYy',
  'TnXGLyBy2KBJEZlw5suZzHB3GpzjRCjFZO5IMeL5oXNEzTucGLQEOJ9+GKqJ194N',
  'A3rqn9Y+1QkOED4qUItzLWkigQdlSqcbFRGjOU3doQKBgQD8+NfQqZE1Ne3ziAJC',
  'F7rEX3nHR8qVe1Jt4t8Um/RHI+Cuhn78Qn4KvjtQdrVvCWH9rvMpZQcUF+DBknyf',
  'R+HDVyWMRt+q1uSpFbhNnNnDUa+NDW5q8OEyiIRKR9JyivX7/dS7zNR9ZlgTk/Kg',
  'Szzl2vagwc5mqiCuW5uD+Tvb4QKBgQC5pmW6QyX3ZhgtAMiD0lLK/rkQ2l8aqobL',
  '0nFND2hoqwJIarQwjT8+PvidloHZAK7coQMemmSalDhNc6/8Kqs+mcZ2M71C+FKq',
  'EkmhSPB4mSCAT0YenIoDHpHjw4GkuMWqkaAA3Luj6IV1N8Z3gSqVBTzpRPuOSsep',
  'O8vk4q7GOwKBgQDekxtfjjIivSZ1hQ9nk3VSXibJfZLy3qRx5pEckvLkvN5s8A0+',
  'akp3rVSGwUt1PK4pBAsSOr91oGSyK+7WPeqXck+pEpqst5JMar3UG9NFlNN+qXij',
  'QvkA+zhaGsNA4J75biYEbn3vL2MDJsLs4gXcv0ELxDmT/s/uWM+F2H4gQQKBgQCg',
  'ujoKV4YwOXimxa3TyqyZSIyq1ZRO/uHy5n/nKnbHX357eb4E5tShLF2L+bjzSc8Z',
  '/mA4B40f80EHdSgglkRpzzJuNX8e0uSmj2ylsQNYNaJY08kuSXKHHtlJqoK8PKgN',
  'c0RmWrQtROr+P8qYvgBCwiUpA+sSFxXjI3zz7XlI7wKBgQDGptTgQTJAPdU12HNO',
  'BdWdLOtZRqch+cnyHSNxjt4Ne6QYJqYEweUiueeqGTwKNZMtO3thC/Gduzo/Cgsx',
  '2Q0nwNW49YqBtm3z+kQC57KhUK1OJ7G0ATHL0e/X9GTp1F71o4JeIHixF0QcPxKH',
  'IB+WmhPFUPe7jHy8D7JH1RCYsg==',
  '-----END PRIVATE KEY-----',
  '',
].join('\n');
