import type { NamespaceMessages } from '../../types.ts';

export default {
  type_invalid: 'Der Typ muss "email" oder "phone" sein.',
  method_invalid: 'Die Methode "{method}" wird nicht unterstützt: Verwenden Sie signup, login, forget oder reset.',
  application_id_invalid: 'Der Parameter "applicationId" muss eine Anwendung als owner/name angeben.',
  resend_too_soon:
    'An diese Adresse wurde vor weniger als {seconds} Sekunden ein Code gesendet. Bitte warten Sie, bevor Sie einen neuen anfordern.',
  too_many_codes: 'Es wurden zu viele Bestätigungscodes angefordert. Bitte versuchen Sie es später erneut.',
  code_invalid:
    'Der Bestätigungscode ist falsch, abgelaufen oder wurde zu oft versucht. Fordern Sie einen neuen Code an.',
  forgot_password_disabled: 'Diese Anwendung bietet nicht an, ein vergessenes Passwort zurückzusetzen.',
  code_signin_disabled: 'Die Anmeldung mit Bestätigungscode ist für diese Anwendung nicht aktiviert.',
  email_code_required: 'Geben Sie den Bestätigungscode ein, der an Ihre E-Mail-Adresse gesendet wurde.',
  phone_code_required: 'Geben Sie den Bestätigungscode ein, der an Ihr Telefon gesendet wurde.',
  reset_type_invalid: 'Der Typ muss "email" oder "phone" sein.',
  email_subject: '{organization}: Ihr Bestätigungscode',
  email_greeting: 'Hallo,',
  email_intro: 'Ihr Bestätigungscode für {organization} lautet:',
  email_expiry: 'Er ist {minutes} Minuten gültig und kann nur einmal verwendet werden.',
  email_ignore: 'Wenn Sie diesen Code nicht angefordert haben, können Sie diese Nachricht ignorieren.',
  sms_text: '{organization}: Ihr Bestätigungscode lautet {code}. Er ist {minutes} Minuten gültig.',
  email_sender_note: 'Gesendet von {organization}.',
} satisfies NamespaceMessages<'verification'>;
