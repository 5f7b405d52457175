import type { NamespaceMessages } from '../../types.ts';

export default {
  type_invalid: 'type は "email" または "phone" でなければなりません。',
  method_invalid:
    'メソッド "{method}" はサポートされていません。signup、login、forget、reset のいずれかを使用してください。',
  application_id_invalid:
    'パラメーター "applicationId" は owner/name の形式でアプリケーションを指定する必要があります。',
  resend_too_soon: 'このアドレスには {seconds} 秒以内にコードを送信済みです。しばらく待ってから再度お試しください。',
  too_many_codes: '確認コードの要求が多すぎます。しばらくしてから再度お試しください。',
  code_invalid:
    '確認コードが間違っているか、有効期限が切れているか、試行回数が多すぎます。新しいコードを要求してください。',
  forgot_password_disabled: 'このアプリケーションでは、忘れたパスワードのリセットは提供されていません。',
  code_signin_disabled: 'このアプリケーションでは確認コードによるサインインが有効になっていません。',
  email_code_required: 'メールアドレスに送信された確認コードを入力してください。',
  phone_code_required: '電話に送信された確認コードを入力してください。',
  reset_type_invalid: 'type は "email" または "phone" でなければなりません。',
  email_subject: '{organization}: 確認コード',
  email_greeting: 'こんにちは。',
  email_intro: '{organization} の確認コードは次のとおりです:',
  email_expiry: '{minutes} 分間有効で、一度だけ使用できます。',
  email_ignore: 'このコードを要求していない場合は、このメッセージを無視してください。',
  sms_text: '{organization}: 確認コードは {code} です。{minutes} 分間有効です。',
  email_sender_note: '{organization} から送信されました。',
} satisfies NamespaceMessages<'verification'>;
