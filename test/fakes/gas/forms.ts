/**
 * FormApp: forms with text items, their responses, and what the form-submit trigger receives. Only
 * what Maillage uses, as strict as Google's reference (quoted in test/fakes-gas/forms.test.ts):
 * create() refuses an empty title, a required item must be answered, a text validation must hold, a
 * form that does not accept responses (or is unpublished) refuses them, getItemResponses() leaves out
 * the items left blank, getRespondentEmail() is '' unless the form collects addresses.
 */
import { makeEnum } from './enums';
import type { Runtime } from './runtime';

export const ItemType = makeEnum([
  'CHECKBOX',
  'DATE',
  'DATETIME',
  'LIST',
  'MULTIPLE_CHOICE',
  'PARAGRAPH_TEXT',
  'SECTION_HEADER',
  'TEXT',
  'TIME',
]);
export const DestinationType = makeEnum(['SPREADSHEET']);

const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

export interface TextValidationModel {
  kind: 'email';
  helpText: string;
}

export interface ItemModel {
  id: number;
  type: 'TEXT';
  title: string;
  helpText: string;
  required: boolean;
  validation: TextValidationModel | null;
}

export interface ResponseModel {
  id: string;
  timestamp: Date;
  respondent: string;
  answers: { itemId: number; value: string }[];
}

export interface FormModel {
  id: string;
  title: string;
  description: string;
  confirmationMessage: string;
  published: boolean;
  accepting: boolean;
  collectEmail: boolean;
  owner: string;
  items: ItemModel[];
  responses: ResponseModel[];
}

export interface FormsRegistry {
  forms: FormModel[];
  nextId: number;
  nextItemId: number;
}

export const PUBLISHED_PREFIX = 'https://docs.google.com/forms/d/e/';

export function editUrl(f: FormModel): string {
  return `https://docs.google.com/forms/d/${f.id}/edit`;
}

export function publishedUrl(f: FormModel): string {
  return `${PUBLISHED_PREFIX}1FAIpQLS${f.id}/viewform`;
}

function text(rt: Runtime, method: string, value: unknown): string {
  if (typeof value !== 'string') return rt.signatureError(method, [value]);
  return value;
}

export class TextValidationImpl {
  constructor(readonly _model: TextValidationModel) {}
}

export class TextValidationBuilderImpl {
  _kind: 'email' | null = null;
  _help = '';
  constructor(readonly _rt: Runtime) {}
  requireTextIsEmail(): this {
    this._kind = 'email';
    return this;
  }
  setHelpText(textValue: string): this {
    this._help = text(this._rt, 'TextValidationBuilder.setHelpText', textValue);
    return this;
  }
  build(): TextValidationImpl {
    if (!this._kind) return this._rt.fail('A validation rule is required (requireTextIsEmail…).');
    return this._rt.wrap(
      'TextValidation',
      new TextValidationImpl({ kind: this._kind, helpText: this._help }),
    );
  }
}

export class TextItemImpl {
  constructor(
    readonly _rt: Runtime,
    readonly _form: FormModel,
    readonly _model: ItemModel,
  ) {}
  getId(): number {
    return this._model.id;
  }
  getIndex(): number {
    return this._form.items.indexOf(this._model);
  }
  getType() {
    return ItemType.TEXT;
  }
  getTitle(): string {
    return this._model.title;
  }
  setTitle(title: string): this {
    this._model.title = text(this._rt, 'TextItem.setTitle', title);
    return this;
  }
  getHelpText(): string {
    return this._model.helpText;
  }
  setHelpText(help: string): this {
    this._model.helpText = text(this._rt, 'TextItem.setHelpText', help);
    return this;
  }
  isRequired(): boolean {
    return this._model.required;
  }
  setRequired(enabled: boolean): this {
    if (typeof enabled !== 'boolean') return this._rt.signatureError('TextItem.setRequired', [enabled]);
    this._model.required = enabled;
    return this;
  }
  setValidation(validation: unknown): this {
    const v = validation as { _model?: TextValidationModel } | null;
    if (!(v && typeof v === 'object' && v._model))
      return this._rt.signatureError('TextItem.setValidation', [validation]);
    this._model.validation = { ...v._model };
    return this;
  }
  clearValidation(): this {
    this._model.validation = null;
    return this;
  }
  asTextItem(): TextItemImpl {
    return this;
  }
}

export class ItemResponseImpl {
  constructor(
    readonly _rt: Runtime,
    readonly _item: TextItemImpl,
    readonly _value: string,
  ) {}
  getItem(): TextItemImpl {
    return this._item;
  }
  getResponse(): string {
    return this._value;
  }
}

export class FormResponseImpl {
  constructor(
    readonly _rt: Runtime,
    readonly _form: FormModel,
    readonly _model: ResponseModel,
  ) {}
  getId(): string {
    return this._model.id;
  }
  getTimestamp(): Date {
    return new Date(this._model.timestamp.getTime());
  }
  getRespondentEmail(): string {
    return this._form.collectEmail ? this._model.respondent : '';
  }
  /** The answered items, in the form's order (blank answers are not item responses). */
  getItemResponses(): ItemResponseImpl[] {
    return this._form.items.flatMap((item) => {
      const answer = this._model.answers.find((a) => a.itemId === item.id);
      if (!answer) return [];
      const itemImpl = this._rt.wrap('TextItem', new TextItemImpl(this._rt, this._form, item));
      return [this._rt.wrap('ItemResponse', new ItemResponseImpl(this._rt, itemImpl, answer.value))];
    });
  }
}

export class FormImpl {
  constructor(
    readonly _rt: Runtime,
    readonly _reg: FormsRegistry,
    readonly _model: FormModel,
  ) {}
  getId(): string {
    return this._model.id;
  }
  getTitle(): string {
    return this._model.title;
  }
  setTitle(title: string): this {
    this._model.title = text(this._rt, 'Form.setTitle', title);
    return this;
  }
  getDescription(): string {
    return this._model.description;
  }
  setDescription(description: string): this {
    this._model.description = text(this._rt, 'Form.setDescription', description);
    return this;
  }
  getConfirmationMessage(): string {
    return this._model.confirmationMessage;
  }
  setConfirmationMessage(message: string): this {
    this._model.confirmationMessage = text(this._rt, 'Form.setConfirmationMessage', message);
    return this;
  }
  getEditUrl(): string {
    return editUrl(this._model);
  }
  getPublishedUrl(): string {
    return publishedUrl(this._model);
  }
  isPublished(): boolean {
    return this._model.published;
  }
  setPublished(published: boolean): this {
    if (typeof published !== 'boolean') return this._rt.signatureError('Form.setPublished', [published]);
    this._model.published = published;
    return this;
  }
  isAcceptingResponses(): boolean {
    return this._model.accepting;
  }
  setAcceptingResponses(enabled: boolean): this {
    if (typeof enabled !== 'boolean') return this._rt.signatureError('Form.setAcceptingResponses', [enabled]);
    if (enabled && !this._model.published)
      this._rt.fail('This form is not published: publish it before it can accept responses.');
    this._model.accepting = enabled;
    return this;
  }
  collectsEmail(): boolean {
    return this._model.collectEmail;
  }
  setCollectEmail(collect: boolean): this {
    this._model.collectEmail = collect === true;
    return this;
  }
  addTextItem(): TextItemImpl {
    const item: ItemModel = {
      id: this._reg.nextItemId++,
      type: 'TEXT',
      title: '',
      helpText: '',
      required: false,
      validation: null,
    };
    this._model.items.push(item);
    return this._rt.wrap('TextItem', new TextItemImpl(this._rt, this._model, item));
  }
  getItems(): TextItemImpl[] {
    return this._model.items.map((i) =>
      this._rt.wrap('TextItem', new TextItemImpl(this._rt, this._model, i)),
    );
  }
  getResponses(): FormResponseImpl[] {
    return this._model.responses.map((r) =>
      this._rt.wrap('FormResponse', new FormResponseImpl(this._rt, this._model, r)),
    );
  }
}

export class FormAppImpl {
  readonly ItemType = ItemType;
  readonly DestinationType = DestinationType;
  constructor(
    readonly _rt: Runtime,
    readonly _reg: FormsRegistry,
  ) {}

  create(title: unknown, isPublished?: unknown): FormImpl {
    this._rt.requireAuth('FormApp.create', 'forms');
    if (typeof title !== 'string' || title.trim() === '')
      return this._rt.fail('Invalid argument: title. A form needs a title that is not empty.');
    if (isPublished !== undefined && typeof isPublished !== 'boolean')
      return this._rt.signatureError('FormApp.create', [title, isPublished]);
    const published = isPublished !== false;
    const model: FormModel = {
      id: `1FakeForm${String(this._reg.nextId++).padStart(6, '0')}`,
      title,
      description: '',
      confirmationMessage: '',
      published,
      accepting: published,
      collectEmail: false,
      owner: this._rt.exec.effectiveUser,
      items: [],
      responses: [],
    };
    this._reg.forms.push(model);
    return this._rt.wrap('Form', new FormImpl(this._rt, this._reg, model));
  }
  openById(id: unknown): FormImpl {
    this._rt.requireAuth('FormApp.openById', 'forms');
    const f = this._reg.forms.find((x) => x.id === id);
    if (!f)
      return this._rt.fail(
        `No item with the given ID could be found, or you do not have permission to access it.`,
      );
    return this._rt.wrap('Form', new FormImpl(this._rt, this._reg, f));
  }
  openByUrl(url: unknown): FormImpl {
    this._rt.requireAuth('FormApp.openByUrl', 'forms');
    const f = this._reg.forms.find((x) => editUrl(x) === url || publishedUrl(x) === url);
    if (!f)
      return this._rt.fail(
        'No item with the given URL could be found, or you do not have permission to access it.',
      );
    return this._rt.wrap('Form', new FormImpl(this._rt, this._reg, f));
  }
  createTextValidation(): TextValidationBuilderImpl {
    return this._rt.wrap('TextValidationBuilder', new TextValidationBuilderImpl(this._rt));
  }
}

/** Why a respondent's submission is refused (as the form page would refuse it). */
export class FormSubmissionRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormSubmissionRejected';
  }
}

/**
 * A respondent fills in the form (answers by item title): checked as the form page checks them, then
 * stored. Returns the stored response.
 */
export function submitAnswers(
  form: FormModel,
  answers: Record<string, string>,
  respondent: string,
  now: Date,
  responseId: string,
): ResponseModel {
  if (!form.published || !form.accepting)
    throw new FormSubmissionRejected(`The form "${form.title}" is no longer accepting responses.`);
  const titles = new Set(form.items.map((i) => i.title));
  for (const title of Object.keys(answers)) {
    if (!titles.has(title)) throw new FormSubmissionRejected(`The form has no question "${title}".`);
  }
  const stored: ResponseModel['answers'] = [];
  for (const item of form.items) {
    const value = (answers[item.title] ?? '').trim() === '' ? '' : answers[item.title]!;
    if (value === '') {
      if (item.required) throw new FormSubmissionRejected(`"${item.title}" is a required question.`);
      continue;
    }
    if (item.validation?.kind === 'email' && !EMAIL.test(value.trim()))
      throw new FormSubmissionRejected(
        item.validation.helpText || `"${item.title}": must be an email address.`,
      );
    stored.push({ itemId: item.id, value });
  }
  const response: ResponseModel = { id: responseId, timestamp: now, respondent, answers: stored };
  form.responses.push(response);
  return response;
}
