import type { NamespaceMessages } from '../../types.ts';

export default {
  password_alone_refused:
    'Dieses Konto braucht einen zweiten Faktor, den diese Art der Anmeldung nicht abfragen kann. Melden Sie sich stattdessen auf der Anmeldeseite an.',
  passcode_wrong: 'Der Code ist falsch.',
  passcode_used: 'Dieser Code wurde bereits verwendet. Warten Sie auf den nächsten.',
  passcode_missing: 'Geben Sie den Code Ihrer Authenticator-App oder einen Wiederherstellungscode ein.',
  recovery_code_wrong: 'Der Wiederherstellungscode ist falsch oder wurde bereits verwendet.',
  signin_expired: 'Diese Anmeldung ist abgelaufen. Melden Sie sich erneut mit Ihrem Passwort an.',
  type_unsupported: 'Der zweite Faktor „{type}“ wird hier nicht angeboten; verwenden Sie eine Authenticator-App (app).',
  not_enrolled: 'Für dieses Konto ist kein zweiter Faktor „{type}“ eingerichtet.',
  enrolment_missing: 'Es wird gerade kein zweiter Faktor eingerichtet; beginnen Sie von vorn.',
  enrolment_not_verified: 'Bestätigen Sie die Einrichtung zuerst mit einem Code Ihrer Authenticator-App.',
  enrol_first: 'Richten Sie einen zweiten Faktor ein, um die Anmeldung abzuschließen.',
  interaction_required: 'Der Benutzer muss zuerst einen zweiten Faktor bestehen.',
  page_verify_title: 'Bestätigung in zwei Schritten',
  page_enrol_title: 'Bestätigung in zwei Schritten einrichten',
  page_signing_in_as: 'Anmeldung als {name}.',
  page_verify_hint: 'Geben Sie den 6-stelligen Code ein, den Ihre Authenticator-App anzeigt.',
  page_enrol_scan:
    'Für die Anmeldung hier ist ein zweiter Faktor nötig. Scannen Sie diesen QR-Code mit einer Authenticator-App.',
  page_qr_alt: 'QR-Code, der dieses Konto zu einer Authenticator-App hinzufügt',
  page_enrol_key: 'Oder geben Sie diesen Schlüssel in der App ein:',
  page_recovery_codes_intro:
    'Bewahren Sie diese Wiederherstellungscodes sicher auf. Mit jedem können Sie sich einmal anmelden, wenn Sie Ihr Gerät verlieren. Sie werden nur jetzt angezeigt.',
  page_passcode: 'Code aus der App',
  page_verify: 'Bestätigen',
  page_enable: 'Einschalten und fortfahren',
  page_use_recovery_code: 'Stattdessen einen Wiederherstellungscode verwenden',
  page_recovery_code: 'Wiederherstellungscode',
  page_enrol_passkey: 'Stattdessen einen Passkey einrichten',
  page_enrol_passkey_hint:
    'Oder verwenden Sie einen Passkey dieses Geräts, einen Sicherheitsschlüssel oder Ihr Telefon als zweiten Faktor – ganz ohne App und Code.',
  page_enrol_passkey_name: 'Passkey',
  email_missing: 'Fügen Sie Ihrem Konto zuerst eine E-Mail-Adresse hinzu: Die Codes werden dorthin gesendet.',
  phone_missing: 'Fügen Sie Ihrem Konto zuerst eine Telefonnummer hinzu: Die Codes werden dorthin gesendet.',
  same_factor: 'Diese Anmeldung hat diesen Faktor bereits verwendet; wählen Sie einen anderen.',
  code_signin_same_factor:
    'Der zweite Faktor dieses Kontos ist ein Code an dieselbe Stelle. Melden Sie sich mit Ihrem Passwort an.',
  destination_not_own:
    'Die Codes eines zweiten Faktors gehen nur an die E-Mail-Adresse oder Telefonnummer des Kontos selbst.',
  page_email_hint: 'Geben Sie den 6-stelligen Code ein, der per E-Mail an {destination} gesendet wurde.',
  page_sms_hint: 'Geben Sie den 6-stelligen Code ein, der per SMS an {destination} gesendet wurde.',
  page_send_code: 'Code senden',
  page_code_sent: 'Ein Code ist unterwegs an {destination}. Er gilt 10 Minuten.',
  page_method_app: 'Authenticator-App',
  page_method_email: 'Code per E-Mail',
  page_method_sms: 'Code per SMS',
  page_sent_code: 'Code aus der Nachricht',
} satisfies NamespaceMessages<'mfa'>;
