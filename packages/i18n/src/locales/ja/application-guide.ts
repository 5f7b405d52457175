import type { Phrases } from '../../types.ts';
import type english from '../en/application-guide.ts';

export default {
  quickstart: {
    settings_tab: '設定',
    tab: 'クイックスタート',
    help: 'アプリケーションの種類を選ぶと、設定すべき項目と、このアプリケーション用に記入済みのサンプルコードが表示されます。',
    kind: 'アプリケーションの種類',
    kind_spa: 'シングルページアプリ',
    kind_spa_help: 'ブラウザで動作し（React、Vue、Angular…）、シークレットを保持できません。',
    kind_web: 'Web サーバーアプリ',
    kind_web_help: 'シークレットを保持するサーバーでページを生成します（Next.js、Express、Flask、Go…）。',
    kind_native: 'ネイティブ / CLI アプリ',
    kind_native_help: 'デバイスにインストールされるか端末で実行され、シークレットを保持できません。',
    kind_m2m: 'マシン間通信',
    kind_m2m_help: 'ユーザーなしで自身として API を呼び出すサービスやスクリプト。',
    configure: '設定する項目',
    grant_types: 'グラントタイプ',
    redirect_uris: 'リダイレクト URI',
    secret: 'Client Secret',
    pkce: 'PKCE',
    grants_code:
      'authorization_code（常に許可）。再サインインなしでトークンを更新するには refresh_token を追加します。',
    grants_m2m: 'client_credentials。',
    redirect_spa: 'アプリのコールバックページの正確なアドレス。本番は https、開発中は http://localhost。',
    redirect_web: 'サーバーのコールバックルートの正確なアドレス。本番は https、開発中は http://localhost。',
    redirect_native:
      'http://127.0.0.1/callback のようなループバックアドレス。アプリはそこで任意のポートで待ち受けられます（RFC 8252）。',
    redirect_m2m: '不要：ブラウザは関与しません。',
    secret_public: '使用しません。アプリはクライアント ID のみを送ります。シークレットをアプリに含めないでください。',
    secret_confidential:
      '使用します。サーバー上の環境変数（例では {variable}）に保管し、コードには書かないでください。',
    pkce_required: '必須（S256）：シークレットの代わりになります。',
    pkce_recommended: 'シークレットに加えて推奨（S256）。例では使用しています。',
    pkce_none: '使用しません：認可コードはありません。',
    status_ok: '準備完了',
    status_missing: '未設定',
    status_info: '注記',
    missing_grant: '設定でグラントタイプに {grant} を追加してください。',
    missing_redirect: '設定で追加してください。それまで例では {uri} を使います。',
    code: 'コード',
    code_help: 'このサーバーの発行者、クライアント ID、アプリケーションのリダイレクト URI を記入済みです。',
    copy_code: '{library} の例をコピー',
    code_label: '{library} の例',
    endpoints_help: 'このアプリケーションのディスカバリードキュメントから読み取りました。',
    discovery_failed: 'ディスカバリードキュメントを読み取れませんでした：{message}',
    issuer: '発行者（issuer）',
    userinfo_url: 'UserInfo URL',
    jwks_url: 'JSON Web Key Set（JWKS）',
    end_session_url: 'セッション終了（サインアウト）URL',
    introspection_url: 'イントロスペクション URL',
    revocation_url: '失効 URL',
    device_url: 'デバイス認可 URL',
    try: 'サインインを試す',
    try_help:
      'このアプリケーションのサインインページを PKCE 付きで新しいタブに開きます。サインイン後、ブラウザはコード付きで {uri} に移動します。',
    try_none:
      'このアプリケーションにはコードを受け取れるリダイレクト URI がありません。サインインを試すには設定で追加してください。',
    code_verifier: 'この試行の code verifier',
    code_verifier_help: 'コードを引き換えるには、コードと一緒にトークンエンドポイントへ送信します。',
  },
  grant_type_help: {
    authorization_code:
      'ユーザーはこのサーバーのページでサインインし、アプリは受け取ったコードをトークンと交換します。',
    refresh_token: 'ユーザーに再サインインを求めずに、アプリが新しいアクセストークンを取得します。',
    client_credentials: 'サービスがクライアント ID とシークレットで自身用のトークンを取得します（ユーザーなし）。',
    password: 'アプリ自身がユーザー名とパスワードを送ります。完全に信頼できるアプリのみ。',
    token:
      'インプリシットフロー（リダイレクトにトークン）。このサーバーは提供しません。PKCE 付きのコードフローを使ってください。',
    id_token:
      'ID トークンのインプリシットフロー。このサーバーは提供しません。PKCE 付きのコードフローを使ってください。',
    device_code: 'テレビやゲーム機向けのデバイスフロー。このサーバーは提供しません。',
  },
  token_format_help: {
    jwt: 'Casdoor の既定どおり、ロールと権限を含むユーザーの全フィールド。',
    jwt_empty: '短いトークン：ユーザーが誰で、どう連絡できるか（名前、ID、メール、電話）。',
    jwt_standard: 'OpenID Connect 標準のクレーム名。任意のクレームは要求されたスコープに従います。',
    jwt_custom: 'アプリケーションのトークンフィールドに挙げたユーザーフィールドのみ。',
  },
} satisfies Phrases<typeof english>;
