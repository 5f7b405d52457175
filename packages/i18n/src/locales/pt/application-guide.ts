import type { Phrases } from '../../types.ts';
import type english from '../en/application-guide.ts';

export default {
  quickstart: {
    settings_tab: 'Configurações',
    tab: 'Início rápido',
    help: 'Escolha o tipo de aplicação para ver o que configurar e código inicial, já preenchido para esta aplicação.',
    kind: 'Tipo de aplicação',
    kind_spa: 'Aplicação de página única',
    kind_spa_help: 'Roda no navegador (React, Vue, Angular…) e não consegue guardar um segredo.',
    kind_web: 'Aplicação de servidor web',
    kind_web_help: 'Gera as páginas num servidor (Next.js, Express, Flask, Go…) que guarda o segredo.',
    kind_native: 'Aplicação nativa ou CLI',
    kind_native_help: 'Instalada num dispositivo ou executada num terminal; não consegue guardar um segredo.',
    kind_m2m: 'Máquina a máquina',
    kind_m2m_help: 'Um serviço ou script que chama APIs em nome próprio, sem usuário.',
    configure: 'O que configurar',
    grant_types: 'Tipos de concessão',
    redirect_uris: 'URIs de redirecionamento',
    secret: 'Client Secret',
    pkce: 'PKCE',
    grants_code: 'authorization_code (sempre permitido); adicione refresh_token para renovar os tokens sem novo login.',
    grants_m2m: 'client_credentials.',
    redirect_spa:
      'O endereço exato da página de retorno da sua aplicação: https em produção, http://localhost durante o desenvolvimento.',
    redirect_web:
      'O endereço exato da rota de retorno do seu servidor: https em produção, http://localhost durante o desenvolvimento.',
    redirect_native:
      'Um endereço de loopback como http://127.0.0.1/callback: a aplicação pode escutar ali em qualquer porta (RFC 8252).',
    redirect_m2m: 'Nenhum: nenhum navegador participa.',
    secret_public: 'Não usado. A aplicação envia só o seu client ID: nunca distribua o segredo dentro dela.',
    secret_confidential:
      'Usado. Guarde-o no servidor numa variável de ambiente ({variable} nos exemplos), nunca no código.',
    pkce_required: 'Obrigatório (S256): ele substitui o segredo.',
    pkce_recommended: 'Recomendado (S256) além do segredo; os exemplos o usam.',
    pkce_none: 'Não usado: não há código de autorização.',
    status_ok: 'Pronto',
    status_missing: 'Falta',
    status_info: 'Nota',
    missing_grant: 'Adicione {grant} aos tipos de concessão em Configurações.',
    missing_redirect: 'Adicione um em Configurações; até lá, os exemplos usam {uri}.',
    code: 'Código',
    code_help: 'Preenchido com o emissor deste servidor, o client ID e a URI de redirecionamento da aplicação.',
    copy_code: 'Copiar o exemplo de {library}',
    code_label: 'Exemplo de {library}',
    endpoints_help: 'Lidos do documento de descoberta desta aplicação.',
    discovery_failed: 'Não foi possível ler o documento de descoberta: {message}',
    issuer: 'Emissor (issuer)',
    userinfo_url: 'URL de UserInfo',
    jwks_url: 'Conjunto de chaves web JSON (JWKS)',
    end_session_url: 'URL de fim de sessão (logout)',
    introspection_url: 'URL de introspecção',
    revocation_url: 'URL de revogação',
    device_url: 'URL de autorização de dispositivo',
    try: 'Testar o login',
    try_help:
      'Abre a página de login desta aplicação numa nova aba, com PKCE. Depois do login, o navegador vai para {uri} com um código.',
    try_none:
      'Esta aplicação não tem nenhuma URI de redirecionamento que possa receber um código. Adicione uma em Configurações para testar o login.',
    code_verifier: 'Code verifier desta tentativa',
    code_verifier_help: 'Envie-o com o código ao endpoint de tokens para trocar o código.',
  },
  grant_type_help: {
    authorization_code:
      'Os usuários entram pela página deste servidor e a aplicação troca o código recebido por tokens.',
    refresh_token: 'A aplicação obtém novos tokens de acesso sem pedir ao usuário que entre de novo.',
    client_credentials: 'Um serviço obtém tokens para si com o seu client ID e segredo, sem usuário.',
    password: 'A aplicação envia ela mesma o nome de usuário e a senha: só para aplicações de total confiança.',
    token:
      'Fluxo implícito (um token no redirecionamento). Não oferecido por este servidor: use o fluxo de código com PKCE.',
    id_token: 'Fluxo implícito para ID tokens. Não oferecido por este servidor: use o fluxo de código com PKCE.',
    device_code: 'Fluxo de dispositivo para TVs e consoles. Não oferecido por este servidor.',
  },
  token_format_help: {
    jwt: 'Todos os campos do usuário, com papéis e permissões, como o Casdoor emite por padrão.',
    jwt_empty: 'Um token curto: quem é o usuário e como contactá-lo (nome, ID, e-mail, telefone).',
    jwt_standard: 'Nomes de claims padrão do OpenID Connect; os opcionais seguem os scopes pedidos.',
    jwt_custom: 'Só os campos do usuário listados nos campos de token da aplicação.',
  },
} satisfies Phrases<typeof english>;
