import type { NamespaceMessages } from '../../types.ts';

export default {
  type_invalid: 'Le type doit être « email » ou « phone ».',
  method_invalid: 'La méthode « {method} » n’est pas prise en charge : utilisez signup, login, forget ou reset.',
  application_id_invalid: 'Le paramètre « applicationId » doit désigner une application sous la forme owner/name.',
  resend_too_soon:
    'Un code a été envoyé à cette adresse il y a moins de {seconds} secondes. Patientez avant d’en demander un autre.',
  too_many_codes: 'Trop de codes de vérification ont été demandés. Réessayez plus tard.',
  code_invalid: 'Le code de vérification est faux, a expiré ou a été essayé trop de fois. Demandez un nouveau code.',
  forgot_password_disabled: 'Cette application ne permet pas de réinitialiser un mot de passe oublié.',
  code_signin_disabled: 'La connexion par code de vérification n’est pas activée pour cette application.',
  email_code_required: 'Saisissez le code de vérification envoyé à votre adresse e-mail.',
  phone_code_required: 'Saisissez le code de vérification envoyé à votre téléphone.',
  reset_type_invalid: 'Le type doit être « email » ou « phone ».',
  email_subject: '{organization} : votre code de vérification',
  email_greeting: 'Bonjour,',
  email_intro: 'Votre code de vérification pour {organization} est :',
  email_expiry: 'Il est valable {minutes} minutes et ne sert qu’une fois.',
  email_ignore: 'Si vous n’avez pas demandé ce code, vous pouvez ignorer ce message.',
  sms_text: '{organization} : votre code de vérification est {code}. Il est valable {minutes} minutes.',
  email_sender_note: 'Envoyé par {organization}.',
} satisfies NamespaceMessages<'verification'>;
