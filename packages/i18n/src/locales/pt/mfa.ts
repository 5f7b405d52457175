import type { NamespaceMessages } from '../../types.ts';

export default {
  password_alone_refused:
    'Esta conta precisa de um segundo fator, que esta forma de iniciar sessão não pode pedir. Inicie sessão na página de início de sessão.',
  passcode_wrong: 'O código está errado.',
  passcode_used: 'Este código já foi usado. Aguarde o próximo.',
  passcode_missing: 'Introduza o código da sua aplicação de autenticação ou um código de recuperação.',
  recovery_code_wrong: 'O código de recuperação está errado ou já foi usado.',
  signin_expired: 'Este início de sessão expirou. Inicie sessão novamente com a sua palavra-passe.',
  type_unsupported: 'O segundo fator "{type}" não é oferecido aqui; use uma aplicação de autenticação (app).',
  not_enrolled: 'Esta conta não tem o segundo fator "{type}" configurado.',
  enrolment_missing: 'Não há nenhuma configuração de segundo fator em curso; comece de novo.',
  enrolment_not_verified: 'Confirme primeiro a configuração com um código da sua aplicação de autenticação.',
  enrol_first: 'Configure um segundo fator para concluir o início de sessão.',
  interaction_required: 'O utilizador tem de passar primeiro um segundo fator.',
  page_verify_title: 'Verificação em dois passos',
  page_enrol_title: 'Configurar a verificação em dois passos',
  page_signing_in_as: 'A iniciar sessão como {name}.',
  page_verify_hint: 'Introduza o código de 6 dígitos mostrado pela sua aplicação de autenticação.',
  page_enrol_scan:
    'É necessário um segundo fator para iniciar sessão aqui. Leia este código QR com uma aplicação de autenticação.',
  page_qr_alt: 'Código QR que adiciona esta conta a uma aplicação de autenticação',
  page_enrol_key: 'Ou escreva esta chave na aplicação:',
  page_recovery_codes_intro:
    'Guarde estes códigos de recuperação num local seguro. Cada um permite iniciar sessão uma vez se perder o dispositivo. Só são mostrados agora.',
  page_passcode: 'Código da aplicação',
  page_verify: 'Verificar',
  page_enable: 'Ativar e continuar',
  page_use_recovery_code: 'Usar um código de recuperação',
  page_recovery_code: 'Código de recuperação',
  page_enrol_passkey: 'Configurar uma chave de acesso',
  page_enrol_passkey_hint:
    'Ou use como segundo fator uma chave de acesso deste dispositivo, uma chave de segurança ou o seu telefone: sem aplicativo e sem código.',
  page_enrol_passkey_name: 'Chave de acesso',
} satisfies NamespaceMessages<'mfa'>;
