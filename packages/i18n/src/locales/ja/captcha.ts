import type { NamespaceMessages } from '../../types.ts';

export default {
  required: '先にキャプチャを解いてください。',
  wrong: 'キャプチャの答えが間違っているか、使用済みか、期限切れです。新しいキャプチャを取得してください。',
  not_human: 'キャプチャサービスは人間であることを確認できませんでした。もう一度お試しください。',
  service_failed: 'キャプチャサービスが答えを確認できませんでした。しばらくしてからもう一度お試しください。',
  type_mismatch: 'キャプチャの種類「{type}」は、このアプリケーションが使う種類（{expected}）ではありません。',
  type_not_supported:
    '種類「{type}」のキャプチャプロバイダーには対応していません。Default、reCAPTCHA v2、reCAPTCHA v3、hCaptcha、Cloudflare Turnstile のいずれかを使ってください。',
  provider_not_found: 'キャプチャプロバイダー {id} は存在しません。',
  busy: '同時に作成されているキャプチャが多すぎます。しばらくしてからもう一度お試しください。',
} satisfies NamespaceMessages<'captcha'>;
