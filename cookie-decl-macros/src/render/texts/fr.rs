//! French: the wording of the chartes French portals publish (kept byte
//! for byte), and the CNIL's words for consent ("consentement"), refusal
//! ("Tout refuser") and the categories.

use super::{Charte, Forms, Lifetimes, Plural, Tags, Texts};
use crate::lang::Lang;

pub const TEXTS: Texts = Texts {
    lang: Lang::Fr,
    charte: Charte {
        title: "Charte cookies",
        intro: "Afin de vous proposer le meilleur service possible nous utilisons des cookies pour assurer son bon fonctionnement.",
        what_heading: "Qu'est ce qu'un cookie ?",
        what: "Un \"cookie\" est une suite d'informations, généralement de petite taille et identifié par un nom, qui peut être transmis à votre navigateur par un site web sur lequel vous vous connectez. Votre navigateur web le conservera pendant une certaine durée, et le renverra au serveur web chaque fois que vous vous y re-connecterez. Les cookies ont de multiples usages : ils peuvent servir à mémoriser votre identifiant client auprès d'un site marchand, le contenu courant de votre panier d'achat, un identifiant permettant de tracer votre navigation pour des finalités statistiques ou publicitaires, etc.",
        kinds: "Il existe plusieurs types de cookies :",
        kinds_list: [
            "Les cookies « nécessaires », internes, permettent d'enregistrer des informations entre deux consultations d'un même site web sur un même appareil. Ils permettent d'enregistrer un panier d'achat, des identifiants de connexion ou encore des éléments de personnalisation de l'interface. Ils ne requièrent pas de consentement de la part de l'utilisateur.",
            "Les cookies « statistiques » permettent de suivre les actions d'un internaute sur un site web. Lorsque les statistiques sont anonymes (c'est-à-dire ne permettent pas de retrouver une personne), le consentement de l'utilisateur n'est pas nécessaire.",
            "Les cookies « internes » ou « first-party » sont déposés par le site consulté. Ils peuvent être déposés en plus des cookies nécessaires et peuvent être utilisés pour collecter des données personnelles, suivre le comportement de l'utilisateur et servir à des finalités publicitaires.",
            "Les cookies dits « tiers », « tierce partie » ou « third party » sont des cookies déposés par (ou pour) un site B (souvent une régie publicitaire) sur un site A : cela permet au site B de voir quelles pages ont été visitées sur le site A par un utilisateur et de collecter des informations sur lui.",
        ],
        usage_heading: "A quoi servent les cookies sur la plateforme ",
        categories: [
            "Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels",
            "Cookies de préférences pour personnaliser la plateforme / cookies de personnalisation",
            "Cookies de mesure d'audience de la plateforme / cookies statistiques",
            "Cookies publicitaires et de suivi sur la plateforme / cookies marketing",
        ],
        columns: [
            "Nom du prestataire",
            "Service et emplacement",
            "Nom du cookies",
            "Finalités",
            "Durée de conservation",
            "Consentement requis",
        ],
        consent: ["Non (exempté)", "Oui"],
        contact: "Pour toute question sur cette charte : ",
    },
    forms: Forms {
        title: "Vos choix concernant les cookies",
        text_start: "La plateforme ",
        text_consent: " utilise des cookies nécessaires à son fonctionnement et, avec votre accord, des cookies ",
        text_end: ". Vous pouvez tout accepter, tout refuser ou choisir par finalité, et changer d'avis à tout moment depuis la page « Gérer les cookies ».",
        text_no_consent: " n'utilise que des cookies nécessaires à son fonctionnement, qui ne requièrent pas votre consentement.",
        in_sentence: [
            "nécessaires",
            "de préférences",
            "de mesure d'audience",
            "publicitaires et de suivi",
        ],
        and: " et ",
        exempt: "Les cookies de mesure d'audience suivants sont exemptés de consentement (statistiques anonymes, sans suivi sur d'autres sites) : ",
        charte_link: "Consulter la charte cookies",
        preferences_link: "Gérer les cookies",
        accept_all: "Tout accepter",
        refuse_all: "Tout refuser",
        customise: "Personnaliser",
        save: "Enregistrer mes choix",
        preferences_title: "Gérer les cookies",
        legend: "Finalités",
        labels: [
            "Cookies nécessaires",
            "Cookies de préférences",
            "Cookies de mesure d'audience",
            "Cookies publicitaires et de suivi",
        ],
        descriptions: [
            "Indispensables au fonctionnement de la plateforme : ils ne requièrent pas votre consentement.",
            "Ils mémorisent vos choix d'affichage au-delà de ce que le service exige.",
            "Ils mesurent la fréquentation de la plateforme.",
            "Ils suivent votre navigation, y compris sur d'autres sites, à des fins publicitaires.",
        ],
        always_on: " (toujours actifs)",
        exempt_note: "Exemptés de consentement : ",
        services: "Services tiers concernés : ",
        colon: " : ",
    },
    tags: Tags {
        heading: "Scripts et contenus tiers qui déposent ces cookies",
        columns: [
            "Nom du prestataire",
            "Service",
            "Type",
            "Catégorie",
            "Cookies déposés",
        ],
        kinds: ["Script", "Contenu intégré"],
        categories: ["Nécessaire", "Préférences", "Statistiques", "Marketing"],
        none: "Aucun",
        other_heading: "Cookies déposés par d'autres moyens",
        other_columns: ["Nom du cookies", "Déposé par"],
    },
    lifetime: Lifetimes {
        session: "Session",
        plural: Plural::One,
        units: [
            &["seconde", "secondes"],
            &["minute", "minutes"],
            &["heure", "heures"],
            &["jour", "jours"],
            &["semaine", "semaines"],
            &["mois"],
            &["an", "ans"],
        ],
    },
};
