/** MailApp: the remaining daily quota and mails (plain text, with an HTML body and attachments when given). */

export function remainingMailQuota(): number {
  return MailApp.getRemainingDailyQuota();
}

export interface Attachment {
  name: string;
  contentType: string;
  text: string;
}

export function sendMail(
  to: string,
  subject: string,
  body: string,
  name: string,
  attachments: readonly Attachment[] = [],
  htmlBody?: string,
): void {
  MailApp.sendEmail({
    to,
    subject,
    body,
    name,
    ...(htmlBody === undefined ? {} : { htmlBody }),
    ...(attachments.length
      ? { attachments: attachments.map((a) => Utilities.newBlob(a.text, a.contentType, a.name)) }
      : {}),
  });
}

/** Whether an error of MailApp.sendEmail means the day's quota is spent. */
export function isQuotaError(error: unknown): boolean {
  return /too many times|quota/i.test(String(error));
}
