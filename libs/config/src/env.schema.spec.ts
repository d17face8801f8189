import { ConfigValidationError, databaseSslFrom, DEVELOPMENT_DEFAULTS, validateEnv } from './env.schema';

describe(validateEnv.name, () => {
  const base = { DATABASE_URL: 'postgres://u:p@localhost:5432/dondoc' };

  it('applies development defaults, including the documented administrator', () => {
    const env = validateEnv(base);
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      SMTP_URL: 'smtp://127.0.0.1:1025',
      ADMIN_EMAIL: DEVELOPMENT_DEFAULTS.ADMIN_EMAIL,
      ADMIN_PASSWORD: DEVELOPMENT_DEFAULTS.ADMIN_PASSWORD,
      JWT_SECRET: DEVELOPMENT_DEFAULTS.JWT_SECRET,
      PUBLIC_URL: 'http://localhost:3000',
    });
  });

  it('converts types: numbers and booleans from strings', () => {
    const env = validateEnv({ ...base, PORT: '8080', DATABASE_SSL: 'true', TEMPORAL_TLS: '1' });
    expect(env.PORT).toBe(8080);
    expect(env.DATABASE_SSL).toBe(true);
    expect(env.TEMPORAL_TLS).toBe(true);
  });

  it('reads DATABASE_SSL for the migration tools exactly as the application does', () => {
    expect([databaseSslFrom({}), databaseSslFrom({ DATABASE_SSL: '1' }), databaseSslFrom({ DATABASE_SSL: 'true' }), databaseSslFrom({ DATABASE_SSL: '0' })]).toEqual([false, true, true, false]);
    expect(() => databaseSslFrom({ DATABASE_SSL: 'sometimes' })).toThrow(/DATABASE_SSL/);
  });

  it('reads the statistics snapshot settings: every minute by default, 0 to turn it off, never more often than each second', () => {
    expect(validateEnv(base)).toMatchObject({ STATISTICS_SNAPSHOT_INTERVAL_MS: 60_000, STATISTICS_SNAPSHOT_MAX_AGE_MS: 150_000 });
    expect(validateEnv({ ...base, STATISTICS_SNAPSHOT_INTERVAL_MS: '0', STATISTICS_SNAPSHOT_MAX_AGE_MS: '0' })).toMatchObject({ STATISTICS_SNAPSHOT_INTERVAL_MS: 0, STATISTICS_SNAPSHOT_MAX_AGE_MS: 0 });
    expect(() => validateEnv({ ...base, STATISTICS_SNAPSHOT_INTERVAL_MS: '500' })).toThrow(/STATISTICS_SNAPSHOT_INTERVAL_MS/);
  });

  it('reads the working-day calendar settings, with the documented defaults', () => {
    expect(validateEnv(base)).toMatchObject({ CALENDAR_END_OF_DAY: '17:00', CALENDAR_START_OF_DAY: '08:00', CALENDAR_REST_DAYS: '6,0', NOTIFY_UNTIL: '20:00' });
    expect(validateEnv({ ...base, CALENDAR_REST_DAYS: '0', CALENDAR_END_OF_DAY: '16:30' })).toMatchObject({ CALENDAR_REST_DAYS: '0', CALENDAR_END_OF_DAY: '16:30' });
    expect(() => validateEnv({ ...base, CALENDAR_END_OF_DAY: '5pm' })).toThrow(/CALENDAR_END_OF_DAY/);
    expect(() => validateEnv({ ...base, CALENDAR_REST_DAYS: '6,7' })).toThrow(/CALENDAR_REST_DAYS/);
    expect(() => validateEnv({ ...base, NOTIFY_UNTIL: '24:00' })).toThrow(/NOTIFY_UNTIL/);
    expect(() => validateEnv({ ...base, CALENDAR_START_OF_DAY: '18:00' })).toThrow(/CALENDAR_END_OF_DAY: must be after/);
  });

  it('names every invalid variable in one error', () => {
    expect.assertions(3);
    try {
      validateEnv({ DATABASE_URL: 'mysql://x', PORT: '0', BODY_LIMIT: 'lots' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      const problems = (error as ConfigValidationError).problems;
      expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['BODY_LIMIT', 'DATABASE_URL', 'PORT']);
      expect((error as Error).message).toContain('BODY_LIMIT: "BODY_LIMIT" must be a size such as 512kb or 1mb');
    }
  });

  it('requires ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(() => validateEnv({ ...base, ADMIN_EMAIL: 'a@b.vn' })).toThrow(/ADMIN_PASSWORD/);
  });

  it('requires a client key with a client certificate', () => {
    expect(() => validateEnv({ ...base, TEMPORAL_TLS_CERT_PATH: '/x.pem' })).toThrow(/TEMPORAL_TLS_KEY_PATH/);
  });

  it('has no defaults for secrets in production', () => {
    const env = validateEnv({
      ...base,
      NODE_ENV: 'production',
      JWT_SECRET: 'a'.repeat(40),
      PUBLIC_URL: 'https://dondoc.gov.vn',
      SMTP_URL: 'smtps://relay.gov.vn:465',
      TEMPORAL_ADDRESS: 'temporal:7233',
    });
    expect(env.ADMIN_EMAIL).toBeUndefined();
    expect(env.ADMIN_PASSWORD).toBeUndefined();
    expect(env.JWT_SECRET).toBe('a'.repeat(40));
  });

  it('refuses a short JWT secret', () => {
    expect(() => validateEnv({ ...base, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: "JWT_SECRET" length must be at least 32 characters long/);
  });
});
