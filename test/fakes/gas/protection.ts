/** Protection of a sheet or a range. */
import { raw } from './counting';
import { ProtectionType } from './enums';
import type { ProtectionModel, RangeRef } from './model';
import type { Host, Rect } from './spreadsheet';
import { emailOf, makeUser } from './users';

export class ProtectionImpl {
  constructor(
    readonly _host: Host,
    readonly _model: ProtectionModel,
  ) {}

  private _alive(): ProtectionModel {
    if (this._model.removed) this._host.rt.fail('The protection was removed.');
    return this._model;
  }

  /** Leaves mirror mode: the editors become an explicit list (owner, spreadsheet editors, current user). */
  private _materialize(): ProtectionModel {
    const m = this._alive();
    if (m.mirror) {
      m.mirror = false;
      m.editors = this._host.mirrorEditors();
    }
    return m;
  }

  getProtectionType() {
    return ProtectionType[this._alive().type];
  }
  getDescription(): string {
    return this._alive().description;
  }
  setDescription(description: string): this {
    this._alive().description = String(description);
    return this;
  }
  getRange() {
    const m = this._alive();
    return m.type === 'SHEET' || !m.ref ? this._host.wholeSheet(m.sheet) : this._host.rangeOf(m.ref);
  }
  setRange(range: unknown): this {
    const m = this._alive();
    const r = raw(range) as { _ref?: () => RangeRef } | null;
    if (!r || typeof r._ref !== 'function')
      return this._host.rt.signatureError('SpreadsheetApp.Protection.setRange', [range]);
    if (m.type === 'SHEET') this._host.rt.fail('A sheet protection cannot change its range.');
    m.ref = r._ref();
    return this;
  }
  getRangeName(): string | null {
    return null;
  }
  /** « Throws an exception if the user does not have permission to edit the protected range or sheet itself. » */
  getEditors() {
    const m = this._alive();
    if (!protectionAllows(this._host, m, this._host.rt.exec.effectiveUser)) {
      this._host.rt.fail('You do not have permission to access the requested document.');
    }
    const list = m.mirror ? this._host.mirrorEditors() : m.editors;
    return list.map((e) => makeUser(this._host.rt, e));
  }
  addEditor(emailOrUser: unknown): this {
    const email = emailOf(this._host.rt, 'SpreadsheetApp.Protection.addEditor', emailOrUser);
    const m = this._materialize();
    if (!m.editors.includes(email)) m.editors.push(email);
    return this;
  }
  addEditors(emails: unknown): this {
    if (!Array.isArray(emails))
      return this._host.rt.signatureError('SpreadsheetApp.Protection.addEditors', [emails]);
    for (const e of emails) this.addEditor(e);
    return this;
  }
  /** Neither the owner of the spreadsheet nor the current user can be removed (as documented). */
  removeEditor(emailOrUser: unknown): this {
    const email = emailOf(this._host.rt, 'SpreadsheetApp.Protection.removeEditor', emailOrUser);
    const m = this._materialize();
    if (email === this._host.ctx.wb.owner || email === this._host.rt.exec.effectiveUser) return this;
    m.editors = m.editors.filter((e) => e !== email);
    return this;
  }
  removeEditors(emails: unknown): this {
    if (!Array.isArray(emails))
      return this._host.rt.signatureError('SpreadsheetApp.Protection.removeEditors', [emails]);
    for (const e of emails) this.removeEditor(e);
    return this;
  }
  canDomainEdit(): boolean {
    return this._alive().domainEdit;
  }
  setDomainEdit(editable: boolean): this {
    const m = this._materialize();
    m.domainEdit = Boolean(editable);
    return this;
  }
  isWarningOnly(): boolean {
    return this._alive().warningOnly;
  }
  setWarningOnly(warningOnly: boolean): this {
    this._alive().warningOnly = Boolean(warningOnly);
    return this;
  }
  canEdit(): boolean {
    return protectionAllows(this._host, this._alive(), this._host.rt.exec.effectiveUser);
  }
  getUnprotectedRanges() {
    return this._alive()
      .unprotected.filter((r) => !r.dead)
      .map((r) => this._host.rangeOf(r));
  }
  setUnprotectedRanges(ranges: unknown): this {
    const m = this._alive();
    if (!Array.isArray(ranges))
      return this._host.rt.signatureError('SpreadsheetApp.Protection.setUnprotectedRanges', [ranges]);
    if (m.type !== 'SHEET') this._host.rt.fail('Unprotected ranges can only be set on a sheet protection.');
    m.unprotected = ranges.map((x) => {
      const r = raw(x) as { _ref?: () => RangeRef } | null;
      if (!r || typeof r._ref !== 'function') {
        return this._host.rt.signatureError('SpreadsheetApp.Protection.setUnprotectedRanges', [ranges]);
      }
      return r._ref();
    });
    return this;
  }
  remove(): void {
    const m = this._alive();
    m.removed = true;
    if (m.type === 'SHEET') {
      if (m.sheet.sheetProtection === m) m.sheet.sheetProtection = null;
    } else {
      m.sheet.rangeProtections = m.sheet.rangeProtections.filter((p) => p !== m);
    }
  }
}

/** Whether `email` may edit what the protection covers (the owner always may; warning-only lets everyone edit). */
export function protectionAllows(host: Host, m: ProtectionModel, email: string): boolean {
  // Until its editors are changed, a protection mirrors the sharing: whoever edits the file may edit.
  if (m.removed || m.warningOnly || m.mirror) return true;
  if (email !== '' && email === host.ctx.wb.owner) return true;
  const editors = m.mirror ? host.mirrorEditors() : m.editors;
  if (email !== '' && editors.includes(email)) return true;
  return m.domainEdit;
}

export function describeProtection(m: ProtectionModel, host: Host, a1: (ref: Rect) => string) {
  return {
    type: m.type,
    range: m.type === 'SHEET' || !m.ref ? a1(host.wholeSheetRect(m.sheet)) : a1(m.ref),
    description: m.description,
    editors: m.mirror ? host.mirrorEditors() : [...m.editors],
    mirrorsSharing: m.mirror,
    warningOnly: m.warningOnly,
    domainEdit: m.domainEdit,
    unprotectedRanges: m.unprotected.filter((r) => !r.dead).map(a1),
  };
}
