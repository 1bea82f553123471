/** FormApp: a registration form of text questions, its form-submit trigger, and what a submission holds. */

export interface CreatedForm {
  id: string;
  publishedUrl: string;
  editUrl: string;
}

export interface Question {
  title: string;
  help: string;
  required: boolean;
  email?: boolean;
}

export function createForm(
  title: string,
  description: string,
  confirmation: string,
  questions: readonly Question[],
): CreatedForm {
  // Published explicitly: « create(title, isPublished): Creates and returns a new Form in the
  // requested publish state » (Google's default for new forms has changed with responder controls).
  const create = FormApp.create as unknown as (t: string, published: boolean) => GoogleAppsScript.Forms.Form;
  const form = create.call(FormApp, title, true);
  form.setDescription(description).setConfirmationMessage(confirmation);
  for (const q of questions) {
    const item = form.addTextItem().setTitle(q.title).setHelpText(q.help).setRequired(q.required);
    if (q.email) {
      item.setValidation(
        FormApp.createTextValidation()
          .setHelpText('Écrivez une adresse électronique, par exemple prenom.nom@structure.fr')
          .requireTextIsEmail()
          .build(),
      );
    }
  }
  return { id: form.getId(), publishedUrl: form.getPublishedUrl(), editUrl: form.getEditUrl() };
}

export function createFormSubmitTrigger(handler: string, formId: string): void {
  ScriptApp.newTrigger(handler).forForm(formId).onFormSubmit().create();
}

/** The event of an installable form-submit trigger (Forms). */
export interface FormSubmitEvent {
  response: GoogleAppsScript.Forms.FormResponse;
  source: GoogleAppsScript.Forms.Form;
}

export interface Submission {
  /** The form's public address (what the Rencontres tab holds). */
  formUrl: string;
  timestamp: Date;
  /** Question title -> answer (questions left blank are absent). */
  answers: Record<string, string>;
}

export function readSubmission(e: FormSubmitEvent): Submission {
  const answers: Record<string, string> = {};
  for (const r of e.response.getItemResponses()) answers[r.getItem().getTitle()] = String(r.getResponse());
  return {
    formUrl: e.source.getPublishedUrl(),
    timestamp: e.response.getTimestamp() as unknown as Date,
    answers,
  };
}

/** How many triggers this account has in the project (Google allows 20 per account and script). */
export function triggerCount(): number {
  return ScriptApp.getProjectTriggers().length;
}

/** This account's form-submit triggers calling `handler`, with the id of their form. */
export function formTriggers(
  handler: string,
): { formId: string; trigger: GoogleAppsScript.Script.Trigger }[] {
  return ScriptApp.getProjectTriggers()
    .filter(
      (t) => t.getHandlerFunction() === handler && t.getTriggerSource() === ScriptApp.TriggerSource.FORMS,
    )
    .map((t) => ({ formId: t.getTriggerSourceId(), trigger: t }));
}

/** Closes a form to new answers and removes its trigger; returns its public address ('' if the form is gone). */
export function closeForm(formId: string, trigger: GoogleAppsScript.Script.Trigger): void {
  try {
    FormApp.openById(formId).setAcceptingResponses(false);
  } catch {
    // The form was deleted: only the trigger is left to remove.
  }
  ScriptApp.deleteTrigger(trigger);
}

export function formPublishedUrl(formId: string): string {
  try {
    return FormApp.openById(formId).getPublishedUrl();
  } catch {
    return '';
  }
}
