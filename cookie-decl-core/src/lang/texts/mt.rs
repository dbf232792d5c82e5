//! Maltese: the words of the GDPR's Maltese text ("kunsens") and of the
//! Information and Data Protection Commissioner ("cookies").

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Mt,
    cookies_of: [
        "meħtieġa",
        "tal-preferenzi",
        "għall-kejl tal-udjenza",
        "ta’ reklamar",
    ],
    gpc_start: "Il-brawżer tiegħek jibgħat is-sinjal Global Privacy Control: nirrispettawh bħala rifjut tal-cookies ",
    gpc_and: " u ",
    gpc_end: ". Xorta tista’ taċċettahom.",
    choice_none: "Għadek ma għamilt l-ebda għażla.",
    choice: "L-għażla tiegħek tal-{date} fil-{time} UTC (rekord {id}): aċċettat: {accepted}; irrifjutat: {refused}.",
    date: "{d}/{m}/{y}",
    choice_categories: [
        "meħtieġa",
        "preferenzi",
        "kejl tal-udjenza",
        "reklamar u traċċar",
    ],
    choice_nothing: "xejn",
    embed_intro: "Dan il-kontenut ta’ {service} huwa pprovdut minn {provider}. ",
    embed_sends: "Jekk jintwera, tintbagħat informazzjoni dwar iż-żjara tiegħek lil {provider}.",
    embed_sets: "Jekk jintwera, {provider} ikun jista’ jqiegħed dawn il-cookies: {cookies}.",
    embed_accept: "Biex jintwera, aċċetta l-cookies {category}: {link}.",
    embed_link: "immaniġġja l-għażliet tiegħi",
    form_refused: [
        "Din il-formola ma setgħetx tinqara. Mur lura fil-paġna u erġa' ibgħatha.",
        "Din il-formola ma ntbagħtitx minn paġna ta' dan is-sit, jew il-paġna hija qadima wisq. Erġa' tella' l-paġna u erġa' pprova.",
    ],
};
