// The one thing the notifier needs from SMTP. The entry point builds the nodemailer transport
// (config/clients.ts) and wraps it here; tests of the use case pass a fake.

export interface OutgoingEmail { from: string; to: string; subject: string; text: string; html: string; headers?: Record<string, string> }

export interface Mailer {
  /** Resolves once the SMTP server accepted the message; rejects with the transport's error otherwise. */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

/** The nodemailer surface used: `sendMail` of a Transporter. */
export interface MailTransport { sendMail(mail: OutgoingEmail): Promise<{ messageId?: string }> }

export function createMailer(transport: MailTransport): Mailer {
  return {
    async send(email) {
      const info = await transport.sendMail(email);
      return { messageId: info.messageId ?? '' };
    },
  };
}
