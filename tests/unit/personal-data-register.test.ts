/**
 * The record of processing (docs/personal-data.md) stays true of the code: it names every field a
 * proposal stores and every personal field of the other types, and the durations it states are the
 * defaults of config/personal-data.ts and src/domain.
 */
import fs from 'fs';
import path from 'path';
import personalDataConfig from '../../config/personal-data';
import { DEFAULT_RETENTION_MONTHS, PERSONAL_PROPOSAL_FIELDS } from '../../src/domain/personal-data';
import { STATUS_LINK_VALID_DAYS, statusTokenExpiry } from '../../src/domain/proposal-keys';

const root = path.join(__dirname, '..', '..');
const register = fs.readFileSync(path.join(root, 'docs', 'personal-data.md'), 'utf8');
const attributesOf = (type: string): string[] =>
  Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'src', 'api', type, 'content-types', type, 'schema.json'), 'utf8')).attributes);

/** The config file's defaults: an `env` that answers every default it is given. */
const env = Object.assign((_key: string, fallback?: unknown) => fallback, {
  int: (_key: string, fallback?: number) => fallback,
  bool: (_key: string, fallback?: boolean) => fallback,
});
const defaults = personalDataConfig({ env } as any);

describe('the register names the data', () => {
  it.each(attributesOf('proposal'))('the proposal field `%s`', (field) => {
    expect(register).toContain(`\`${field}\``);
  });

  it('every field an erasure empties is a field of the proposal schema, marked as personal in the register', () => {
    const fields = attributesOf('proposal');
    for (const field of PERSONAL_PROPOSAL_FIELDS) {
      expect(fields).toContain(field);
      const line = register.split('\n').find((l) => l.startsWith('| ') && l.includes(`\`${field}\``));
      expect({ field, personal: line?.includes('| oui') }).toEqual({ field, personal: true });
    }
  });

  it.each([
    ['speaker', ['name', 'administration', 'jobTitle', 'bio', 'photo']],
    ['session', ['title', 'abstract', 'speakers']],
    ['notification', ['recipient', 'subject', 'body']],
    ['access-log', ['by']],
    ['co-speaker', ['name', 'email', 'administrationName', 'consentRecord', 'tokenHash', 'tokenEncrypted']],
  ])('the personal fields of %s', (type, fields) => {
    const attributes = attributesOf(type);
    for (const field of fields) {
      expect(attributes).toContain(field);
      expect(register).toContain(`\`${field}\``);
    }
    expect(register).toContain(`\`api::${type}.${type}\``);
  });
});

describe('the register states the default durations', () => {
  it('the retention period after the last day, and its floor', () => {
    expect(DEFAULT_RETENTION_MONTHS).toBe(12);
    expect(register).toContain(`**${DEFAULT_RETENTION_MONTHS} mois** après le dernier jour de l'édition`);
    expect(register).toContain(`**${defaults.minimumRetentionMonths} mois** par défaut (\`PERSONAL_DATA_MIN_RETENTION_MONTHS\``);
  });

  it('the delivery logs', () => {
    expect(register).toContain(`**${defaults.deliveryLogDays} jours** (\`PERSONAL_DATA_DELIVERY_LOG_DAYS\`)`);
  });

  it('the status link, 60 days after the last day, as the code computes it', () => {
    const expiry = statusTokenExpiry({ timeZone: 'Europe/Paris', days: [{ date: '2023-12-07', startTime: '14:00', endTime: '17:00' }] } as any);
    expect(expiry.toISOString()).toBe('2024-02-05T22:59:59.999Z'); // 5 February 2024, 23:59:59.999 in Paris
    expect(register).toContain(`jusqu'à **${STATUS_LINK_VALID_DAYS} jours** après le dernier jour de l'édition`);
  });

  it('the page the form and the mail link to', () => {
    expect(defaults.registerUrl).toMatch(/\/donnees-personnelles$/);
    expect(register).toContain('`/donnees-personnelles`');
  });
});

describe('the register has the parts of the CNIL model', () => {
  it.each([
    'Responsable du traitement',
    'Délégué à la protection des données',
    'Finalités',
    'Base légale',
    'Catégories de personnes concernées',
    'Catégories de données',
    'Destinataires',
    "Transferts hors de l'Union européenne",
    'Durées de conservation',
    'Mesures de sécurité',
    'Droits des personnes',
    'article 6.1.e',
    'article 6.1.a',
  ])('%s', (part) => {
    expect(register).toContain(part);
  });
});
