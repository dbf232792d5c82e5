//! French: the CNIL's words for consent, refusal and the categories.

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Fr,
    cookies_of: [
        "nécessaires",
        "de préférences",
        "de mesure d'audience",
        "publicitaires",
    ],
    gpc_start: "Votre navigateur envoie le signal Global Privacy Control : nous le respectons comme un refus des cookies ",
    gpc_and: " et ",
    gpc_end: ". Vous pouvez toujours les accepter.",
    choice_none: "Vous n'avez pas encore fait de choix.",
    choice: "Votre choix du {date} à {time} UTC (enregistrement {id}) : accepté : {accepted} ; refusé : {refused}.",
    date: "{d}/{m}/{y}",
    choice_categories: [
        "nécessaires",
        "préférences",
        "mesure d'audience",
        "publicité et suivi",
    ],
    choice_nothing: "aucune finalité",
    embed_intro: "Ce contenu {service} est fourni par {provider}. ",
    embed_sends: "L'afficher transmettrait des informations sur votre visite à {provider}.",
    embed_sets: "L'afficher permettrait à {provider} de déposer les cookies suivants : {cookies}.",
    embed_accept: "Pour l'afficher, acceptez les cookies {category} : {link}.",
    embed_link: "gérer mes choix",
    form_refused: [
        "Ce formulaire n'a pas pu être lu. Revenez à la page et envoyez-le de nouveau.",
        "Ce formulaire n'a pas été envoyé depuis une page de ce site, ou la page est trop ancienne. Rechargez la page et réessayez.",
    ],
};
