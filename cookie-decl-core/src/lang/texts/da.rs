//! Danish: the words of the GDPR's Danish text ("samtykke") and of
//! Datatilsynet.

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Da,
    cookies_of: [
        "til platformens funktion",
        "til præferencer",
        "til måling af besøgstal",
        "til reklame",
    ],
    gpc_start: "Din browser sender signalet Global Privacy Control: Vi respekterer det som en afvisning af cookies ",
    gpc_and: " og ",
    gpc_end: ". Du kan stadig acceptere dem.",
    choice_none: "Du har endnu ikke truffet et valg.",
    choice: "Dit valg den {date} kl. {time} UTC (registrering {id}): accepteret: {accepted}; afvist: {refused}.",
    date: "{d}.{m}.{y}",
    choice_categories: [
        "nødvendige",
        "præferencer",
        "måling af besøgstal",
        "reklame og sporing",
    ],
    choice_nothing: "ingen",
    embed_intro: "Dette indhold fra {service} leveres af {provider}. ",
    embed_sends: "Hvis det vises, sendes oplysninger om dit besøg til {provider}.",
    embed_sets: "Hvis det vises, kan {provider} sætte følgende cookies: {cookies}.",
    embed_accept: "Accepter cookies {category} for at få det vist: {link}.",
    embed_link: "administrer mine valg",
    form_refused: [
        "Formularen kunne ikke læses. Gå tilbage til siden, og send den igen.",
        "Formularen blev ikke sendt fra en side på dette websted, eller siden er for gammel. Genindlæs siden, og prøv igen.",
    ],
};
