//! Irish: the words of the GDPR's Irish text ("toiliú", "toiliú a
//! tharraingt siar") and of the Data Protection Commission's Irish pages
//! ("fianáin").

use super::{Charte, Forms, Lifetimes, Plural, Tags, Texts};
use crate::lang::Lang;

pub const TEXTS: Texts = Texts {
    lang: Lang::Ga,
    charte: Charte {
        title: "Beartas fianán",
        intro: "Chun an tseirbhís is fearr is féidir a thairiscint duit, úsáidimid fianáin a chinntíonn go bhfeidhmíonn sí i gceart.",
        what_heading: "Cad is fianán ann?",
        what: "Is éard is “fianán” ann ná sraith faisnéise, beag de ghnáth agus aitheanta le hainm, is féidir le suíomh gréasáin a nascann tú leis a sheoladh chuig do bhrabhsálaí. Coimeádann do bhrabhsálaí gréasáin é ar feadh tréimhse áirithe agus seolann sé ar ais chuig an bhfreastalaí gréasáin é gach uair a nascann tú leis arís. Is iomaí úsáid a bhaintear as fianáin: is féidir leo d’aitheantóir custaiméara ar shuíomh siopadóireachta a mheabhrú, ábhar reatha do chiseáin siopadóireachta, aitheantóir a úsáidtear chun do bhrabhsáil a rianú chun críocha staidrimh nó fógraíochta, srl.",
        kinds: "Tá roinnt cineálacha fianán ann:",
        kinds_list: [
            "Stórálann fianáin chéadpháirtí “riachtanacha” faisnéis idir dhá chuairt ar an suíomh gréasáin céanna ar an ngléas céanna. Stórálann siad ciseán siopadóireachta, sonraí logála isteach nó socruithe pearsantaithe na comhéadaine. Ní theastaíonn toiliú an úsáideora uathu.",
            "Rianaíonn fianáin “staidrimh” gníomhartha cuairteora ar shuíomh gréasáin. Nuair atá an staidreamh gan ainm (is é sin, nach féidir duine a aithint uaidh), ní gá toiliú an úsáideora.",
            "Socraíonn an suíomh a dtugtar cuairt air fianáin “inmheánacha” nó fianáin “chéadpháirtí”. Is féidir iad a shocrú i dteannta na bhfianán riachtanach agus iad a úsáid chun sonraí pearsanta a bhailiú, chun iompar an úsáideora a rianú agus chun críocha fógraíochta.",
            "Socraíonn suíomh B (líonra fógraíochta go minic), nó socraítear ar a shon, fianáin “tríú páirtí” mar a thugtar orthu ar shuíomh A: ligeann sé sin do shuíomh B a fheiceáil cé na leathanaigh de shuíomh A ar thug úsáideoir cuairt orthu agus faisnéis a bhailiú faoi.",
        ],
        usage_heading: "Úsáid fianán ar an ardán ",
        categories: [
            "Fianáin atá riachtanach chun go bhfeidhmeoidh an t-ardán / fianáin fheidhmiúla",
            "Fianáin roghanna a phearsantaíonn an t-ardán / fianáin phearsantaithe",
            "Fianáin tomhais lucht féachana an ardáin / fianáin staidrimh",
            "Fianáin fógraíochta agus rianaithe ar an ardán / fianáin mhargaíochta",
        ],
        columns: [
            "Soláthraí",
            "Seirbhís agus suíomh",
            "Ainm an fhianáin",
            "Críocha",
            "Tréimhse choinneála",
            "Toiliú ag teastáil",
        ],
        consent: ["Níl (díolmhaithe)", "Tá"],
        contact: "Aon cheist faoin mbeartas seo: ",
    },
    forms: Forms {
        title: "Do roghanna maidir le fianáin",
        text_start: "Úsáideann an t-ardán ",
        text_consent: " fianáin atá riachtanach chun go bhfeidhmeoidh sé agus, le do thoiliú, fianáin chun na gcríoch seo: ",
        text_end: ". Is féidir leat glacadh le gach ceann, diúltú do gach ceann nó roghnú de réir críche, agus d’intinn a athrú am ar bith ar an leathanach “Bainistigh fianáin”.",
        text_no_consent: " fianáin riachtanacha amháin, atá ag teastáil chun go bhfeidhmeoidh sé agus nach bhfuil do thoiliú ag teastáil uathu.",
        in_sentence: [
            "feidhmiú",
            "roghanna",
            "tomhas lucht féachana",
            "fógraíocht agus rianú",
        ],
        and: " agus ",
        exempt: "Tá na fianáin tomhais lucht féachana seo a leanas díolmhaithe ó thoiliú (staidreamh gan ainm, gan rianú ar shuímh eile): ",
        charte_link: "Léigh an beartas fianán",
        preferences_link: "Bainistigh fianáin",
        accept_all: "Glac le gach ceann",
        refuse_all: "Diúltaigh do gach ceann",
        customise: "Socruithe",
        save: "Sábháil mo roghanna",
        preferences_title: "Bainistigh fianáin",
        legend: "Críocha",
        labels: [
            "Fianáin riachtanacha",
            "Fianáin roghanna",
            "Fianáin tomhais lucht féachana",
            "Fianáin fógraíochta agus rianaithe",
        ],
        descriptions: [
            "Riachtanach chun go bhfeidhmeoidh an t-ardán: ní theastaíonn do thoiliú uathu.",
            "Meabhraíonn siad do roghanna taispeána thar an méid a éilíonn an tseirbhís.",
            "Tomhaiseann siad lucht féachana an ardáin.",
            "Leanann siad do bhrabhsáil, ar shuímh eile freisin, chun críocha fógraíochta.",
        ],
        always_on: " (ar siúl i gcónaí)",
        exempt_note: "Díolmhaithe ó thoiliú: ",
        services: "Seirbhísí tríú páirtí: ",
        colon: ": ",
    },
    tags: Tags {
        heading: "Scripteanna agus ábhar leabaithe tríú páirtí a shocraíonn na fianáin seo",
        columns: [
            "Soláthraí",
            "Seirbhís",
            "Cineál",
            "Catagóir",
            "Fianáin a shocraítear",
        ],
        kinds: ["Script", "Ábhar leabaithe"],
        categories: ["Riachtanach", "Roghanna", "Staidreamh", "Margaíocht"],
        none: "Dada",
        other_heading: "Fianáin a shocraítear ar bhealaí eile",
        other_columns: ["Ainm an fhianáin", "Socraithe ag"],
    },
    // The forms a noun takes after the number as it is read: "trí huaire
    // an chloig", "seacht mbliana", "fiche bliain".
    lifetime: Lifetimes {
        session: "Seisiún",
        plural: Plural::Irish,
        units: [
            &["soicind", "shoicind", "shoicind", "soicind", "soicind"],
            &["nóiméad"],
            &[
                "uair an chloig",
                "uair an chloig",
                "huaire an chloig",
                "n-uaire an chloig",
                "uair an chloig",
            ],
            &["lá"],
            &[
                "seachtain",
                "sheachtain",
                "seachtaine",
                "seachtaine",
                "seachtain",
            ],
            &["mhí", "mhí", "mhí", "mí", "mí"],
            &["bhliain", "bhliain", "bliana", "mbliana", "bliain"],
        ],
    },
};
