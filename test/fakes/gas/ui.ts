/** SpreadsheetApp.getUi(): dialogs answered from a script of answers, menus recorded as a tree. */
import { raw } from './counting';
import { Button, type ButtonName, ButtonSet, type ButtonSetName, enumName } from './enums';
import { HtmlOutputImpl, HtmlTemplateImpl } from './html';
import type { UiLogEntry } from './model';
import type { Runtime } from './runtime';

/** A scripted answer: a button name for alert(); for prompt() a button and the text typed. */
export type UiAnswer = ButtonName | { button: ButtonName; text?: string };

export type MenuEntry =
  | { caption: string; functionName: string }
  | { separator: true }
  | { caption: string; items: MenuEntry[] };

export interface MenuDescriptor {
  /** Menu caption; for createAddonMenu() it is '' (the add-on's name in real Sheets). */
  title: string;
  addon: boolean;
  items: MenuEntry[];
}

export interface UiState {
  /** Answers consumed in order by alert() and prompt(). */
  answers: UiAnswer[];
  menus: MenuDescriptor[];
}

const BUTTONS: Record<ButtonSetName, ButtonName[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export class PromptResponseImpl {
  constructor(
    readonly _button: ButtonName,
    readonly _text: string,
  ) {}
  getResponseText(): string {
    return this._text;
  }
  getSelectedButton() {
    return Button[this._button];
  }
}

export class MenuImpl {
  readonly _items: MenuEntry[] = [];
  constructor(
    readonly _ui: UiImpl,
    readonly _title: string,
    readonly _addon: boolean,
  ) {}
  addItem(caption: string, functionName: string): this {
    if (typeof caption !== 'string' || typeof functionName !== 'string') {
      this._ui._rt.signatureError('Menu.addItem', [caption, functionName]);
    }
    this._items.push({ caption, functionName });
    return this;
  }
  addSeparator(): this {
    this._items.push({ separator: true });
    return this;
  }
  addSubMenu(menu: unknown): this {
    const m = raw(menu);
    if (!(m instanceof MenuImpl)) return this._ui._rt.signatureError('Menu.addSubMenu', [menu]);
    this._items.push({ caption: m._title, items: m._items.map(copyEntry) });
    return this;
  }
  addToUi(): void {
    const menus = this._ui._state.menus;
    const entry: MenuDescriptor = {
      title: this._title,
      addon: this._addon,
      items: this._items.map(copyEntry),
    };
    const i = menus.findIndex((m) => m.title === entry.title && m.addon === entry.addon);
    if (i >= 0) menus[i] = entry;
    else menus.push(entry);
  }
}

function copyEntry(e: MenuEntry): MenuEntry {
  return 'items' in e ? { caption: e.caption, items: e.items.map(copyEntry) } : { ...e };
}

export class UiImpl {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(
    readonly _rt: Runtime,
    readonly _state: UiState,
    readonly _log: UiLogEntry[],
  ) {}

  /** (prompt) | (prompt, buttons) | (title, prompt, buttons) */
  private _args(method: string, args: unknown[]): { title: string; message: string; buttons: ButtonSetName } {
    const [a, b, c] = args;
    let title = '';
    let message: unknown = a;
    let buttons: unknown = ButtonSet.OK;
    if (args.length === 2) buttons = b;
    if (args.length >= 3) {
      title = String(a);
      message = b;
      buttons = c;
    }
    const set = enumName(buttons);
    if (typeof message !== 'string' || !set || !(set in BUTTONS))
      return this._rt.signatureError(`Ui.${method}`, args);
    return { title, message, buttons: set as ButtonSetName };
  }

  private _next(
    kind: string,
    title: string,
    message: string,
    allowed: ButtonName[],
  ): { button: ButtonName; text: string } {
    const answer = this._state.answers.shift();
    if (answer === undefined) {
      if (kind === 'alert' && allowed.length === 1) return { button: 'OK', text: '' };
      throw new Error(
        `FakeUi: no scripted answer for ${kind} "${title || message}" (push one to fake.ui.answers: ${allowed.join('/')}).`,
      );
    }
    let button: ButtonName;
    let text = '';
    if (typeof answer === 'string') {
      if (kind === 'prompt' && !(answer in Button)) {
        button = allowed[0]!;
        text = answer;
      } else button = answer;
    } else {
      button = answer.button;
      text = answer.text ?? '';
    }
    if (button !== 'CLOSE' && !allowed.includes(button)) {
      throw new Error(
        `FakeUi: scripted answer ${button} is not a button of ${kind} "${title || message}" (${allowed.join('/')}).`,
      );
    }
    return { button, text };
  }

  alert(...args: unknown[]) {
    const { title, message, buttons } = this._args('alert', args);
    const { button } = this._next('alert', title, message, BUTTONS[buttons]);
    this._log.push({ kind: 'alert', title, content: message, buttons, answer: button });
    return Button[button];
  }

  prompt(...args: unknown[]): PromptResponseImpl {
    const { title, message, buttons } = this._args('prompt', args);
    const { button, text } = this._next('prompt', title, message, BUTTONS[buttons]);
    this._log.push({ kind: 'prompt', title, content: message, buttons, answer: button, responseText: text });
    return this._rt.wrap('PromptResponse', new PromptResponseImpl(button, text));
  }

  private _html(method: string, userInterface: unknown): HtmlOutputImpl {
    this._rt.requireAuth(`Ui.${method}`, 'script.container.ui');
    const out = raw(userInterface);
    if (out instanceof HtmlTemplateImpl) this._rt.fail('Invalid argument: userInterface');
    if (!(out instanceof HtmlOutputImpl)) return this._rt.signatureError(`Ui.${method}`, [userInterface]);
    return out;
  }

  showSidebar(userInterface: unknown): void {
    const out = this._html('showSidebar', userInterface);
    this._log.push({
      kind: 'sidebar',
      title: out._title,
      content: out._content,
      width: out._width ?? undefined,
    });
  }
  showModalDialog(userInterface: unknown, title: string): void {
    const out = this._html('showModalDialog', userInterface);
    this._log.push({
      kind: 'modalDialog',
      title: String(title),
      content: out._content,
      width: out._width ?? undefined,
      height: out._height ?? undefined,
    });
  }
  showModelessDialog(userInterface: unknown, title: string): void {
    const out = this._html('showModelessDialog', userInterface);
    this._log.push({
      kind: 'modelessDialog',
      title: String(title),
      content: out._content,
      width: out._width ?? undefined,
      height: out._height ?? undefined,
    });
  }
  showDialog(userInterface: unknown): void {
    const out = this._html('showDialog', userInterface);
    this._log.push({ kind: 'modalDialog', title: out._title, content: out._content });
  }
  createMenu(caption: string): MenuImpl {
    if (typeof caption !== 'string') return this._rt.signatureError('Ui.createMenu', [caption]);
    return this._rt.wrap('Menu', new MenuImpl(this, caption, false));
  }
  createAddonMenu(): MenuImpl {
    return this._rt.wrap('Menu', new MenuImpl(this, '', true));
  }
}
