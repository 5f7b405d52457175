import type { NamespaceMessages } from '../../types.ts';

export default {
  type_invalid: 'O tipo deve ser "email" ou "phone".',
  method_invalid: 'O método "{method}" não é suportado: use signup, login, forget ou reset.',
  application_id_invalid: 'O parâmetro "applicationId" deve nomear uma aplicação como owner/name.',
  resend_too_soon:
    'Um código foi enviado para este endereço há menos de {seconds} segundos. Aguarde antes de pedir outro.',
  too_many_codes: 'Foram pedidos códigos de verificação demais. Tente novamente mais tarde.',
  code_invalid: 'O código de verificação está errado, expirou ou foi tentado vezes demais. Peça um novo código.',
  forgot_password_disabled: 'Esta aplicação não permite redefinir uma senha esquecida.',
  code_signin_disabled: 'O acesso com código de verificação não está ativado para esta aplicação.',
  email_code_required: 'Digite o código de verificação enviado para o seu e-mail.',
  phone_code_required: 'Digite o código de verificação enviado para o seu telefone.',
  reset_type_invalid: 'O tipo deve ser "email" ou "phone".',
  email_subject: '{organization}: o seu código de verificação',
  email_greeting: 'Olá,',
  email_intro: 'O seu código de verificação para {organization} é:',
  email_expiry: 'Ele vale por {minutes} minutos e só pode ser usado uma vez.',
  email_ignore: 'Se você não pediu este código, pode ignorar esta mensagem.',
  sms_text: '{organization}: o seu código de verificação é {code}. Vale por {minutes} minutos.',
  email_sender_note: 'Enviado por {organization}.',
} satisfies NamespaceMessages<'verification'>;
