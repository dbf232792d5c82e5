//! Portuguese (European): the words of the GDPR's Portuguese text
//! ("consentimento") and of the CNPD.

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Pt,
    cookies_of: [
        "necessários",
        "de preferências",
        "de medição de audiência",
        "publicitários",
    ],
    gpc_start: "O seu navegador envia o sinal Global Privacy Control: respeitamo-lo como uma recusa dos cookies ",
    gpc_and: " e ",
    gpc_end: ". Pode, ainda assim, aceitá-los.",
    choice_none: "Ainda não fez nenhuma escolha.",
    choice: "A sua escolha de {date} às {time} UTC (registo {id}) — aceitou: {accepted}; recusou: {refused}.",
    date: "{d}/{m}/{y}",
    choice_categories: [
        "necessários",
        "preferências",
        "medição de audiência",
        "publicidade e seguimento",
    ],
    choice_nothing: "nenhuma finalidade",
    embed_intro: "Este conteúdo de {service} é fornecido por {provider}. ",
    embed_sends: "Apresentá-lo enviaria informações sobre a sua visita a {provider}.",
    embed_sets: "Apresentá-lo permitiria a {provider} instalar os seguintes cookies: {cookies}.",
    embed_accept: "Para o apresentar, aceite os cookies {category}: {link}.",
    embed_link: "gerir as minhas escolhas",
    form_refused: [
        "Não foi possível ler este formulário. Volte à página e envie-o novamente.",
        "Este formulário não foi enviado a partir de uma página deste sítio, ou a página é demasiado antiga. Recarregue a página antes de tentar outra vez.",
    ],
};
