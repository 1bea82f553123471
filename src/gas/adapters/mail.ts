/** MailApp: the remaining daily quota and plain-text mails. */

export function remainingMailQuota(): number {
  return MailApp.getRemainingDailyQuota();
}

export function sendMail(to: string, subject: string, body: string, name: string): void {
  MailApp.sendEmail({ to, subject, body, name });
}
