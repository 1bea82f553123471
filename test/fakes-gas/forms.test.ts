/**
 * The fake FormApp, held to Google's reference (developers.google.com/apps-script/reference/forms and
 * guides/triggers/events), quoted before each behaviour.
 */
import { describe, expect, it } from 'vitest';
import { createAppsScript, FormSubmissionRejected } from '../fakes/gas';

const NOW = new Date('2026-12-01T09:00:00Z');

/** A script that builds a registration form and its form-submit trigger, and records what it receives. */
const SCRIPT = `
var received = [];
function build(title) {
  var form = FormApp.create(title);
  form.setDescription('Une rencontre');
  form.addTextItem().setTitle('Nom').setRequired(true);
  form.addTextItem().setTitle('Structure');
  form.addTextItem().setTitle('Courriel').setRequired(true)
    .setValidation(FormApp.createTextValidation().setHelpText('Une adresse, svp').requireTextIsEmail().build());
  ScriptApp.newTrigger('onSubmit').forForm(form).onFormSubmit().create();
  return form.getId();
}
function onSubmit(e) {
  received.push({
    authMode: String(e.authMode),
    uid: e.triggerUid,
    source: e.source.getId(),
    when: e.response.getTimestamp().toISOString(),
    email: e.response.getRespondentEmail(),
    answers: e.response.getItemResponses().map(function (r) { return [r.getItem().getTitle(), r.getResponse()]; }),
  });
}
`;

function setUp() {
  const gas = createAppsScript({ now: () => NOW, user: 'coordination@reseau.example' });
  const ctx = gas.loadScript(SCRIPT);
  return { gas, ctx };
}

describe('FormApp (fake)', () => {
  it('« create(title): Creates and returns a new Form. Throws an exception if the given title is null or empty. »', () => {
    const { gas } = setUp();
    expect(() => gas.globals.FormApp.create('')).toThrow(/title/);
    expect(() => gas.globals.FormApp.create(null as unknown as string)).toThrow(/title/);
    gas.resetCalls();
    const form = gas.globals.FormApp.create('Inscription');
    expect(form.getTitle()).toBe('Inscription');
    expect(form.getPublishedUrl()).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/.+\/viewform$/);
    expect(form.getEditUrl()).toBe(`https://docs.google.com/forms/d/${form.getId()}/edit`);
    expect(gas.calls.log).toEqual([
      'FormApp.create',
      'Form.getTitle',
      'Form.getPublishedUrl',
      'Form.getEditUrl',
      'Form.getId',
    ]);
  });

  it('« onFormSubmit(): Specifies a trigger that fires when a response is submitted to the form », with the event’s fields', () => {
    const { gas, ctx } = setUp();
    const id = ctx.build('Inscription');
    expect(gas.triggers.map((t) => [t.handlerFunction, t.eventType, t.source, t.sourceId])).toEqual([
      ['onSubmit', 'ON_FORM_SUBMIT', 'FORMS', id],
    ]);
    gas.submitForm(
      ctx,
      id,
      { Nom: 'Anne Dupont', Courriel: 'anne@asso.example' },
      { respondent: 'anne@asso.example' },
    );
    // « Events produced by installable triggers contain a triggerUid identifying the trigger ».
    // « getItemResponses(): Gets all item responses contained in a form response, in the same order
    // that the items appear in the form » — an optional question left blank has none.
    // « getRespondentEmail(): Gets the email address of the person who submitted a response, if the
    // Form.setCollectEmail(collect) setting is enabled. »
    expect(ctx.received).toEqual([
      {
        authMode: 'FULL',
        uid: gas.triggers[0]!.id,
        source: id,
        when: NOW.toISOString(),
        email: '',
        answers: [
          ['Nom', 'Anne Dupont'],
          ['Courriel', 'anne@asso.example'],
        ],
      },
    ]);
    expect(gas.forms[0]!.responses).toBe(1);
  });

  it('refuses what the form page refuses: a required question left blank, a text that fails its validation', () => {
    const { gas, ctx } = setUp();
    const id = ctx.build('Inscription');
    expect(() => gas.submitForm(ctx, id, { Courriel: 'anne@asso.example' })).toThrow(FormSubmissionRejected);
    expect(() => gas.submitForm(ctx, id, { Nom: 'Anne', Courriel: 'pas une adresse' })).toThrow(
      'Une adresse, svp',
    );
    expect(() => gas.submitForm(ctx, id, { Nom: 'Anne', Courriel: 'a@b.example', Âge: '40' })).toThrow(
      /no question "Âge"/,
    );
    expect(ctx.received).toEqual([]);
  });

  it('« unpublished: If set to true, the form doesn’t accept responses »; a closed form refuses them too', () => {
    const { gas, ctx } = setUp();
    const id = ctx.build('Inscription');
    const form = gas.globals.FormApp.openById(id);
    form.setAcceptingResponses(false);
    expect(() => gas.submitForm(ctx, id, { Nom: 'Anne', Courriel: 'a@b.example' })).toThrow(
      /no longer accepting/,
    );
    const draft = gas.globals.FormApp.create('Brouillon', false);
    expect(draft.isPublished()).toBe(false);
    expect(() => draft.setAcceptingResponses(true)).toThrow(/not published/);
  });

  it('needs the forms scope: a simple trigger (AuthMode.LIMITED) may not create a form', () => {
    const gas = createAppsScript({ now: () => NOW });
    const ctx = gas.loadScript(`function onOpen() { FormApp.create('x'); }`);
    expect(() => gas.fireOpen(ctx)).toThrow(/auth\/forms/);
  });

  it('opens a form by id or by either URL, and says when there is none', () => {
    const { gas, ctx } = setUp();
    const id = ctx.build('Inscription');
    const app = gas.globals.FormApp;
    const form = app.openById(id);
    expect(app.openByUrl(form.getPublishedUrl()).getId()).toBe(id);
    expect(app.openByUrl(form.getEditUrl()).getId()).toBe(id);
    expect(() => app.openById('inconnu')).toThrow(/No item with the given ID/);
    expect(() => gas.globals.ScriptApp.newTrigger('x').forForm('inconnu')).toThrow();
  });
});
