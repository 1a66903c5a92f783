/** The proposal form as HTML sends it, turned into the submission the service validates, and back. */
import { fieldErrors, formValues, submissionFromForm, valuesOfProposal } from '../../src/api/public-space/form';
import { translator } from '../../src/api/public-space/messages';

describe('submissionFromForm', () => {
  it('turns the form’s strings into the API’s types', () => {
    expect(
      submissionFromForm(
        { speakerName: 'Agente', email: 'a@example.org', preferredDay: '2023-12-06', requestedDuration: ' 20 ', consentContact: 'oui', website: '' },
        'en'
      )
    ).toEqual({
      language: 'en',
      speakerName: 'Agente',
      email: 'a@example.org',
      preferredDay: '2023-12-06',
      requestedDuration: 20,
      consentContact: true,
      consentPublication: false,
      consentJobTitle: false,
      coSpeakers: [],
    });
  });

  it('reads the co-speakers’ slots in order, skipping an empty one, passing a partial one on for the validator', () => {
    const body = {
      'coSpeaker1-name': 'Alice',
      'coSpeaker1-email': 'alice@example.org',
      'coSpeaker1-administrationName': 'DINUM',
      'coSpeaker2-name': ' ',
      'coSpeaker3-email': 'chloe@example.org',
    };
    expect(submissionFromForm(body, 'fr').coSpeakers).toEqual([
      { name: 'Alice', email: 'alice@example.org', administrationName: 'DINUM' },
      { name: '', email: 'chloe@example.org', administrationName: '' },
    ]);
    expect(formValues(body)['coSpeaker3-email']).toBe('chloe@example.org');
    expect(valuesOfProposal({ coSpeakers: [{ name: 'Alice', email: 'alice@example.org', administrationName: 'DINUM' }] })['coSpeaker1-email']).toBe(
      'alice@example.org'
    );
  });

  it('puts a co-speaker’s error on its slot’s input', () => {
    const errors = [{ path: ['coSpeakers', '1', 'email'], code: 'INVALID_EMAIL', message: 'Adresse invalide.', messageEn: 'Bad address.' }];
    expect(fieldErrors(errors, 'en')).toEqual({ 'coSpeaker2-email': 'Bad address.' });
    expect(fieldErrors([{ ...errors[0], path: ['coSpeakers'] }], 'fr')).toEqual({ coSpeakers: 'Adresse invalide.' });
  });

  it.each([
    ['no preference', { preferredDay: 'none' }, null],
    ['an empty choice', { preferredDay: '' }, null],
    ['no choice at all', {}, null],
  ])('reads %s as no preferred day', (_case, body, expected) => {
    expect(submissionFromForm(body, 'fr').preferredDay).toBe(expected);
  });

  it('passes on what is not a whole number, or a repeated field, for the validator to refuse by name', () => {
    expect(submissionFromForm({ requestedDuration: '20.5' }, 'fr').requestedDuration).toBe('20.5');
    expect(submissionFromForm({ requestedDuration: '99999' }, 'fr').requestedDuration).toBe('99999');
    expect(submissionFromForm({ speakerName: ['a', 'b'] }, 'fr').speakerName).toEqual(['a', 'b']);
  });

  it('keeps a filled honeypot, and only a ticked box as consent', () => {
    expect(submissionFromForm({ website: 'http://spam.example' }, 'fr').website).toBe('http://spam.example');
    expect(submissionFromForm({ consentPublication: 'on' }, 'fr').consentPublication).toBe(false);
  });

  it('ignores fields the form does not have, and a body that is not an object', () => {
    expect(submissionFromForm({ state: 'accepted', reviewerNotes: 'x' }, 'fr')).not.toHaveProperty('state');
    expect(submissionFromForm(null, 'fr')).toEqual({
      language: 'fr',
      preferredDay: null,
      requestedDuration: null,
      consentContact: false,
      consentPublication: false,
      consentJobTitle: false,
      coSpeakers: [],
    });
  });
});

describe('formValues and valuesOfProposal', () => {
  it('keeps what was typed, as text, and drops what is not text', () => {
    expect(formValues({ title: 'Un titre', speakerName: ['a', 'b'], state: 'accepted' })).toEqual({ title: 'Un titre' });
  });

  it('fills the correction form from a stored proposal', () => {
    expect(valuesOfProposal({ title: 'T', preferredDay: null, requestedDuration: 15, consentContact: true, consentPublication: false })).toMatchObject({
      title: 'T',
      speakerName: '',
      preferredDay: 'none',
      requestedDuration: '15',
      consentContact: 'oui',
    });
  });
});

describe('fieldErrors', () => {
  it('gives each field its first message, in the page’s language', () => {
    const errors = [
      { path: ['title'], code: 'REQUIRED', message: 'Le titre est obligatoire.', messageEn: 'The title is required.' },
      { path: ['title'], code: 'TOO_SHORT', message: 'Trop court.', messageEn: 'Too short.' },
    ];
    expect(fieldErrors(errors, 'fr')).toEqual({ title: 'Le titre est obligatoire.' });
    expect(fieldErrors(errors, 'en')).toEqual({ title: 'The title is required.' });
  });
});

describe('the pages’ texts', () => {
  it('exist in both languages and fill their placeholders', () => {
    expect(translator('fr')('state.open', { date: '20 novembre' })).toBe('Appel ouvert jusqu’au 20 novembre');
    expect(translator('en')('state.open', { date: '20 November' })).toBe('Call open until 20 November');
    expect(translator('en')('form.minutes', {})).toBe('{n} minutes');
  });
});
