//! Irish: the words of the GDPR's Irish text ("toiliú") and of the Data
//! Protection Commission's Irish pages ("fianáin").

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Ga,
    cookies_of: [
        "feidhmiú",
        "roghanna",
        "tomhas lucht féachana",
        "fógraíocht",
    ],
    gpc_start: "Seolann do bhrabhsálaí an comhartha Global Privacy Control: measaimid gur diúltú é d’fhianáin chun na gcríoch seo: ",
    gpc_and: " agus ",
    gpc_end: ". Is féidir leat glacadh leo fós.",
    choice_none: "Níl rogha déanta agat fós.",
    choice: "Do rogha an {date} ag {time} UTC (taifead {id}): glactha: {accepted}; diúltaithe: {refused}.",
    date: "{d}/{m}/{y}",
    choice_categories: [
        "riachtanach",
        "roghanna",
        "tomhas lucht féachana",
        "fógraíocht agus rianú",
    ],
    choice_nothing: "dada",
    embed_intro: "Is é {provider} a sholáthraíonn an t-ábhar seo ({service}). ",
    embed_sends: "Dá dtaispeánfaí é, sheolfaí faisnéis faoi do chuairt chuig {provider}.",
    embed_sets: "Dá dtaispeánfaí é, d’fhéadfadh {provider} na fianáin seo a shocrú: {cookies}.",
    embed_accept: "Chun é a thaispeáint, glac le fianáin don chríoch “{category}”: {link}.",
    embed_link: "bainistigh mo roghanna",
    form_refused: [
        "Níorbh fhéidir an fhoirm seo a léamh. Fill ar an leathanach agus seol arís í.",
        "Níor seoladh an fhoirm seo ó leathanach den suíomh seo, nó tá an leathanach ró-sean. Athlódáil an leathanach agus bain triail eile as.",
    ],
};
