// What the demo loads: a group per city named in the Technopolice manifesto, with cases at every
// stage of an investigation. Everything is in French, as the groups write. Facts are kept to
// what the campaign made public and stay general; vendors are never named; amounts and dates
// are illustrative, and every case says it is a demonstration.
//
// Bodies are functions of `r`, which turns names into the ids the server gave them:
// `r.who('nour')` a mention, `r.doc('cctp')` a document reference, `r.image('photo', alt)` that
// document shown, `r.case('marseille-vsa')` a case of the same group, `r.post(0)` an earlier post
// of the same thread (to quote it), `r.publicUrl` the address people will use.
import { pdf, photo } from './files.mjs';
import { bold, doc, h2, italic, link, list, p, quote } from './rich-text.mjs';

/** The one password of every demo account: printed at the end, never for production. */
export const DEMO_PASSWORD = 'demo-technopolice';

/** The account whose existence says the demo is already loaded (and the one to try first). */
export const FIRST_ACCOUNT = 'camille';

const DEMO_NOTE = 'Dossier de démonstration : faits simplifiés, montants et dates illustratifs.';

/** Pseudonyms, as the product asks: no real name anywhere. */
export const PEOPLE = [
  ['camille', 'Camille (Marseille)'],
  ['nour', 'Nour (Marseille)'],
  ['yanis', 'Yanis (Marseille)'],
  ['lea', 'Léa (Marseille)'],
  ['sacha', 'Sacha (Nice)'],
  ['ines', 'Inès (Nice)'],
  ['malo', 'Malo (Nice)'],
  ['alex', 'Alex (Toulouse)'],
  ['jordi', 'Jordi (Toulouse)'],
  ['morgane', 'Morgane (Valenciennes)'],
  ['theo', 'Théo (Valenciennes)'],
  ['lou', 'Lou (Strasbourg)'],
  ['sam', 'Sam (Strasbourg)'],
  ['noa', 'Noa (Paris)'],
  ['eli', 'Éli (Paris)'],
  ['ari', 'Ari (Paris)'],
  ['mael', 'Maël (Saint-Étienne)'],
  ['zoe', 'Zoé (Saint-Étienne)'],
].map(([username, displayName]) => ({ username, displayName }));

/** A due date `days` from today, so the tasks never look long overdue. */
const inDays = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A welcome thread in the group's forum: where a newcomer to the group starts. */
const welcome = (by, city, reply) => ({
  title: 'Bienvenue : comment nous travaillons',
  posts: [
    {
      by,
      body: () =>
        doc(
          p(`Bienvenue dans l’espace du groupe Technopolice ${city} !`),
          list(
            'un dossier par projet de surveillance, avec ses documents et ses discussions ;',
            'les tâches disent qui fait quoi : prenez-en une ;',
            'la synthèse se rédige à plusieurs, puis se relit avant publication.',
          ),
          p(
            'Ne mettez jamais de données personnelles de tiers dans les documents. ',
            link('La campagne Technopolice', 'https://technopolice.fr'),
            '.',
          ),
        ),
      reactions: [[reply.by, 'heart']],
    },
    { by: reply.by, body: () => doc(p(reply.text)) },
  ],
});

export const GROUPS = [
  {
    name: 'Technopolice Marseille',
    description:
      'Vidéosurveillance algorithmique, centre de supervision et « big data » municipal.',
    admin: 'camille',
    members: [
      ['nour', 'coordinator'],
      ['yanis', 'member'],
      ['lea', 'member'],
    ],
    forum: welcome('camille', 'Marseille', {
      by: 'lea',
      text: 'Merci ! Je commence par la relecture du CCTP.',
    }),
    cases: [
      {
        key: 'marseille-vsa',
        by: 'camille',
        title: 'Marseille — vidéosurveillance algorithmique',
        cityCode: '13055',
        technologies: ['algorithmic-video-surveillance', 'data-interconnection'],
        projectStatus: 'deployed',
        stage: 'drafting',
        description: `Des logiciels analysent en continu les images des caméras de la voie publique et signalent des « comportements anormaux » aux opérateurs du centre de supervision urbain. ${DEMO_NOTE}`,
        tags: ['vsa', 'centre de supervision', 'marché public'],
        budgetEuros: 1_800_000,
        budgetSource: 'Délibération du conseil municipal (document de démonstration)',
        actors: [
          { name: 'Ville de Marseille', kind: 'public-body', role: 'maître d’ouvrage' },
          {
            name: 'Intégrateur vidéo (à confirmer)',
            kind: 'vendor',
            role: 'fourniture et intégration du logiciel d’analyse',
          },
          {
            name: 'Police municipale de Marseille',
            kind: 'public-body',
            role: 'exploitation du centre de supervision urbain',
          },
          { name: 'CNIL', kind: 'public-body', role: 'autorité de contrôle, saisie par le groupe' },
        ],
        documents: [
          {
            key: 'deliberation',
            by: 'camille',
            fileName: 'deliberation-videoprotection.pdf',
            title: 'Délibération — extension de la vidéoprotection et analyse des images',
            kind: 'deliberation',
            date: '2019-06-17',
            source: 'Recueil des actes administratifs de la ville (démonstration)',
            obtainedBy: 'public-record',
            make: () =>
              pdf('Délibération du conseil municipal — extension du réseau de vidéoprotection', [
                [
                  'Le conseil municipal, vu le Code général des collectivités territoriales et le Code de la sécurité intérieure, notamment ses articles L. 251-1 et suivants,',
                  'Considérant la volonté de la ville de moderniser son centre de supervision urbain et d’accompagner les opérateurs par des outils d’analyse automatisée des images,',
                  'Article 1 : approuve le programme d’extension du réseau de vidéoprotection et l’acquisition d’un logiciel d’analyse des flux vidéo.',
                  'Article 2 : autorise le maire à lancer la consultation correspondante.',
                  'Article 3 : la dépense, estimée à 1 800 000 euros hors maintenance, sera imputée au budget d’investissement.',
                ],
              ]),
          },
          {
            key: 'cctp',
            by: 'lea',
            fileName: 'cctp-videoprotection-intelligente.pdf',
            title: 'CCTP du marché de vidéoprotection intelligente',
            kind: 'tender',
            date: '2019-10-02',
            source: 'Profil acheteur de la ville (démonstration)',
            obtainedBy: 'public-record',
            make: () =>
              pdf('Cahier des clauses techniques particulières — vidéoprotection intelligente', [
                [
                  'Article 4 — Fonctions attendues. Le logiciel détecte en temps réel, sur les flux des caméras de voie publique : les regroupements de personnes, le stationnement prolongé d’un individu, les objets abandonnés, les tags et dégradations.',
                  'Article 5 — Alertes. Chaque détection produit une alerte affichée aux opérateurs du centre de supervision urbain, avec l’extrait vidéo correspondant.',
                ],
                [
                  'Article 7 — Données. Les métadonnées produites par l’analyse sont conservées conformément à la réglementation en vigueur.',
                  'Article 9 — Évolutions. Le titulaire propose des modules complémentaires au fil du marché.',
                ],
              ]),
          },
          {
            key: 'cada',
            by: 'nour',
            fileName: 'reponse-cada-mairie.pdf',
            title: 'Réponse de la mairie à notre demande CADA',
            kind: 'foi-answer',
            date: '2024-03-12',
            source: 'Mairie, direction de la sécurité (démonstration)',
            obtainedBy: 'foi-request',
            make: () =>
              pdf('Objet : votre demande de communication de documents administratifs', [
                [
                  'Madame, Monsieur,',
                  'Par courrier du 15 janvier 2024, vous avez sollicité la communication du marché de vidéoprotection intelligente et de ses annexes.',
                  'Vous trouverez ci-joint l’acte d’engagement et le cahier des clauses techniques particulières. Les annexes techniques ne sont pas communicables, leur divulgation étant susceptible de porter atteinte à la sécurité publique.',
                  'Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées.',
                ],
              ]),
          },
          {
            key: 'photo',
            by: 'yanis',
            fileName: 'mat-cameras.png',
            title: 'Mât équipé de caméras (photo de terrain)',
            kind: 'photo',
            date: '2024-05-04',
            source: 'Relevé de terrain du groupe',
            obtainedBy: 'field',
            make: () => photo('Mât équipé de deux caméras orientables', { dome: true }),
          },
        ],
        timeline: [
          { date: '2019-06-17', title: 'Vote de la délibération', doc: 'deliberation' },
          { date: '2019-10-02', title: 'Publication de l’appel d’offres', doc: 'cctp' },
          { date: '2020-09-01', title: 'Premières analyses automatisées au centre de supervision' },
          { date: '2024-01-15', title: 'Demande CADA du groupe' },
          { date: '2024-03-12', title: 'Réponse partielle de la mairie', doc: 'cada' },
        ],
        tasks: [
          {
            title: 'Saisir la CADA pour les annexes techniques refusées',
            assignee: 'nour',
            due: inDays(10),
          },
          {
            title: 'Photographier les mâts équipés du centre-ville',
            assignee: 'yanis',
            done: true,
          },
          { title: 'Comparer le CCTP avec la réponse de la mairie', assignee: 'lea', done: true },
          { title: 'Préparer la fiche pour la presse', assignee: 'camille', due: inDays(21) },
        ],
        threads: [
          {
            title: 'Ce que dit le CCTP',
            posts: [
              {
                by: 'lea',
                body: (r) =>
                  doc(
                    p('J’ai lu le ', r.doc('cctp'), '. Trois points :'),
                    list(
                      'le logiciel doit détecter des « comportements anormaux » : regroupements, stationnement prolongé, objets abandonnés ;',
                      'chaque détection arrive directement aux opérateurs du centre de supervision ;',
                      'rien sur la durée de conservation des métadonnées produites par l’analyse.',
                    ),
                    p(r.who('nour'), ' tu peux regarder la partie sur les données ?'),
                  ),
                reactions: [
                  ['nour', 'eyes'],
                  ['camille', 'thumbs-up'],
                ],
              },
              {
                by: 'nour',
                replyTo: 0,
                body: (r) =>
                  doc(
                    quote(
                      r.post(0),
                      'rien sur la durée de conservation des métadonnées produites par l’analyse.',
                    ),
                    p(
                      'Confirmé : l’article 7 renvoie à « la réglementation en vigueur », sans plus. La ',
                      r.doc('cada'),
                      ' ne répond pas non plus sur ce point.',
                    ),
                  ),
                reactions: [['lea', 'check']],
              },
              {
                by: 'yanis',
                body: (r) =>
                  doc(
                    p(
                      'Sur le terrain, j’ai compté ',
                      bold('six mâts'),
                      ' équipés de deux caméras orientables entre la gare et le port. Photo : ',
                      r.doc('photo'),
                      '.',
                    ),
                  ),
                reactions: [
                  ['camille', 'heart'],
                  ['lea', 'thumbs-up'],
                ],
              },
              {
                by: 'camille',
                body: () =>
                  doc(
                    p(
                      'Merci à vous trois. Je reprends tout ça dans la synthèse, section ',
                      italic('Technologies'),
                      '.',
                    ),
                  ),
                reactions: [['nour', 'thumbs-up']],
              },
            ],
          },
          {
            title: 'Relecture de la synthèse avant publication',
            posts: [
              {
                by: 'camille',
                body: (r) =>
                  doc(
                    p(
                      'La synthèse est prête, j’ai demandé une relecture. À vérifier en priorité :',
                    ),
                    list(
                      ['le montant (source : ', r.doc('deliberation'), ') ;'],
                      'la chronologie ;',
                      'le ton de nos demandes.',
                    ),
                  ),
              },
              {
                by: 'lea',
                body: () =>
                  doc(
                    p(
                      'Pour le budget : c’est le montant voté, pas le montant payé. Je l’ai noté en commentaire.',
                    ),
                  ),
              },
              {
                by: 'nour',
                body: () => doc(p('Relu et approuvé. La partie « Base légale » est solide.')),
                reactions: [
                  ['camille', 'heart'],
                  ['yanis', 'thumbs-up'],
                ],
              },
              { by: 'camille', body: () => doc(p('Merci ! C’est publié.')) },
            ],
          },
        ],
        summary: {
          by: 'camille',
          body: (r) =>
            doc(
              h2('Le projet'),
              p(
                'Depuis 2019, la ville équipe son réseau de caméras de voie publique de logiciels d’analyse automatisée des images. Ils signalent aux opérateurs du centre de supervision urbain des situations jugées « anormales » : regroupements, stationnement prolongé, objets abandonnés, tags.',
              ),
              h2('Technologies'),
              list(
                [
                  bold('Vidéosurveillance algorithmique'),
                  ' : détection automatique d’évènements sur les flux vidéo, en temps réel.',
                ],
                [
                  bold('Interconnexion'),
                  ' : les alertes remontent au centre de supervision, où elles sont croisées avec les appels et les patrouilles.',
                ],
              ),
              r.image(
                'photo',
                'Mât équipé de deux caméras orientables, relevé de terrain du groupe',
              ),
              h2('Acteurs et contrats'),
              p(
                'La ville, maître d’ouvrage, a passé un marché avec un intégrateur dont l’identité reste à confirmer. Le ',
                r.doc('cctp'),
                ' décrit les fonctions attendues du logiciel ; la police municipale l’exploite.',
              ),
              h2('Budget'),
              p(
                'La ',
                r.doc('deliberation'),
                ' prévoit ',
                bold('1,8 million d’euros'),
                ' pour l’extension du réseau et le logiciel d’analyse, hors maintenance. C’est le montant voté, pas le montant payé.',
              ),
              h2('Chronologie'),
              list(
                '2019 : vote de la délibération, puis appel d’offres ;',
                '2020 : premières analyses automatisées au centre de supervision ;',
                'janvier 2024 : demande CADA du groupe ;',
                ['mars 2024 : réponse partielle de la mairie (', r.doc('cada'), ').'],
              ),
              h2('Base légale'),
              p(
                'Le Code de la sécurité intérieure (articles L. 251-1 et suivants) encadre la vidéoprotection, pas l’analyse de ses images par des algorithmes. La loi du 19 mai 2023 relative aux Jeux olympiques et paralympiques n’en a permis qu’une expérimentation, limitée dans le temps et dans son objet. La CNIL a publié en 2022 sa position sur ces « caméras augmentées ». Selon notre analyse, rien n’autorise le dispositif décrit ici.',
              ),
              h2('Ce que nous demandons'),
              list(
                'la suspension des traitements algorithmiques ;',
                'la publication intégrale du marché, de ses annexes et de l’analyse d’impact ;',
                'un débat public en conseil municipal avant toute extension.',
              ),
              p('La campagne : ', link('technopolice.fr', 'https://technopolice.fr'), '.'),
            ),
          review: {
            by: 'camille',
            note: 'Relecture finale : montants, chronologie, ton des demandes.',
          },
          comments: [
            {
              by: 'lea',
              body: 'Préciser que c’est le montant voté, pas le montant payé.',
              quote: '1,8 million d’euros',
              resolvedBy: 'camille',
            },
          ],
          approvals: ['nour', 'yanis'],
          publish: {
            by: 'camille',
            documents: ['deliberation', 'cctp', 'cada', 'photo'],
            changeNote: 'Première publication.',
          },
        },
      },
      {
        key: 'marseille-big-data',
        by: 'yanis',
        title: 'Marseille — observatoire « big data » de la tranquillité publique',
        cityCode: '13055',
        technologies: ['data-interconnection', 'predictive-policing'],
        projectStatus: 'announced',
        stage: 'investigating',
        description: `Une plateforme croisant les données de la police municipale, des services de la ville et de partenaires pour « anticiper » les troubles. Que croise-t-elle, et qui y a accès ? ${DEMO_NOTE}`,
        tags: ['hypervision', 'données'],
        actors: [
          { name: 'Ville de Marseille', kind: 'public-body', role: 'porteur du projet' },
          { name: 'Prestataire (à confirmer)', kind: 'vendor', role: 'plateforme de données' },
        ],
        documents: [
          {
            key: 'letter',
            by: 'yanis',
            fileName: 'courrier-demande-cahier-des-charges.pdf',
            title: 'Notre courrier demandant le cahier des charges',
            kind: 'correspondence',
            date: '2024-09-02',
            source: 'Courrier du groupe',
            obtainedBy: 'other',
            make: () =>
              pdf('Demande de communication de documents administratifs', [
                [
                  'Monsieur le Maire,',
                  'En application des articles L. 311-1 et suivants du Code des relations entre le public et l’administration, nous vous demandons la communication du cahier des charges de l’observatoire de la tranquillité publique, des conventions d’échange de données conclues avec ses partenaires et de l’analyse d’impact relative à la protection des données.',
                  'Nous vous prions d’agréer, Monsieur le Maire, l’expression de nos salutations distinguées.',
                ],
              ]),
          },
        ],
        timeline: [{ date: '2024-09-02', title: 'Demande CADA envoyée', doc: 'letter' }],
        tasks: [
          {
            title: 'Relancer la mairie si rien n’arrive sous un mois',
            assignee: 'yanis',
            due: inDays(30),
          },
        ],
        threads: [
          {
            title: 'Qui a accès aux données ?',
            posts: [
              {
                by: 'yanis',
                body: (r) =>
                  doc(
                    p(
                      'Le courrier est parti (',
                      r.doc('letter'),
                      '). Ce que je veux savoir d’abord : quelles bases sont croisées, et qui les consulte.',
                    ),
                  ),
              },
              {
                by: 'nour',
                body: (r) =>
                  doc(
                    p(
                      'Les alertes de ',
                      r.case('marseille-vsa'),
                      ' pourraient y remonter aussi : à demander explicitement.',
                    ),
                  ),
                reactions: [['yanis', 'check']],
              },
              {
                by: 'camille',
                body: () =>
                  doc(
                    p('Bonne piste. Je regarde s’il y a eu une délibération sur les conventions.'),
                  ),
              },
            ],
          },
        ],
      },
    ],
  },
  {
    name: 'Technopolice Nice',
    description: 'Reconnaissance faciale, applications de signalement, « safe city ».',
    admin: 'sacha',
    members: [
      ['ines', 'coordinator'],
      ['malo', 'member'],
    ],
    forum: welcome('sacha', 'Nice', { by: 'malo', text: 'Merci, je prends la revue de presse.' }),
    cases: [
      {
        key: 'nice-carnaval',
        by: 'sacha',
        title: 'Nice — reconnaissance faciale au carnaval',
        cityCode: '06088',
        technologies: ['facial-recognition'],
        projectStatus: 'experiment',
        stage: 'drafting',
        description: `En 2019, la ville a testé la reconnaissance faciale à une entrée du carnaval, sur des personnes volontaires selon sa communication. Nous cherchons le bilan de l’expérimentation et ses suites. ${DEMO_NOTE}`,
        tags: ['reconnaissance faciale', 'grands évènements'],
        actors: [
          {
            name: 'Ville de Nice',
            kind: 'public-body',
            role: 'organisatrice de l’expérimentation',
          },
          {
            name: 'Éditeur du logiciel (à confirmer)',
            kind: 'vendor',
            role: 'logiciel de reconnaissance faciale',
          },
          { name: 'CNIL', kind: 'public-body', role: 'destinataire du bilan' },
        ],
        documents: [
          {
            key: 'bilan',
            by: 'ines',
            fileName: 'bilan-experimentation-extrait.pdf',
            title: 'Bilan de l’expérimentation (extrait)',
            kind: 'foi-answer',
            date: '2019-06-20',
            source: 'Ville de Nice (démonstration)',
            obtainedBy: 'foi-request',
            make: () =>
              pdf('Bilan de l’expérimentation de reconnaissance faciale', [
                [
                  'L’expérimentation s’est tenue à une entrée du site, sur des personnes volontaires ayant fourni une photographie de référence.',
                  'Le dispositif a été jugé concluant par la ville. Le présent extrait ne comporte ni les taux d’erreur détaillés ni les conditions de recueil du consentement.',
                ],
              ]),
          },
          {
            key: 'presse',
            by: 'malo',
            fileName: 'revue-de-presse-2019.pdf',
            title: 'Revue de presse de février 2019 (résumé du groupe)',
            kind: 'press',
            date: '2019-02-28',
            source: 'Résumé rédigé par le groupe',
            obtainedBy: 'press',
            make: () =>
              pdf('Revue de presse — carnaval 2019', [
                [
                  'Plusieurs médias ont relayé l’annonce d’un test de reconnaissance faciale pendant le carnaval.',
                  'La CNIL a rappelé que ce type de traitement de données biométriques est en principe interdit et ne peut être mené qu’à titre exceptionnel, dans un cadre strict.',
                ],
              ]),
          },
        ],
        timeline: [
          { date: '2019-02-16', title: 'Début du test à une entrée du carnaval' },
          { date: '2019-06-20', title: 'Bilan de la ville', doc: 'bilan' },
        ],
        tasks: [
          { title: 'Relire la synthèse', assignee: 'ines', due: inDays(3) },
          { title: 'Demander les taux d’erreur détaillés', assignee: 'malo', due: inDays(14) },
        ],
        threads: [
          {
            title: 'Le bilan est-il complet ?',
            posts: [
              {
                by: 'ines',
                body: (r) =>
                  doc(
                    p(
                      'Le ',
                      r.doc('bilan'),
                      ' ne donne ni les taux d’erreur ni la façon dont le consentement a été recueilli.',
                    ),
                  ),
                reactions: [['sacha', 'eyes']],
              },
              {
                by: 'malo',
                body: (r) =>
                  doc(p('Je m’en occupe, ', r.who('ines'), '. Je fais la demande cette semaine.')),
                reactions: [['ines', 'thumbs-up']],
              },
              {
                by: 'sacha',
                body: () =>
                  doc(
                    p(
                      'J’ai écrit une première synthèse et demandé une relecture : il faut l’approbation d’une coordinatrice ou de deux membres.',
                    ),
                  ),
              },
            ],
          },
        ],
        summary: {
          by: 'sacha',
          body: (r) =>
            doc(
              h2('Le projet'),
              p(
                'En février 2019, la ville a testé un logiciel de reconnaissance faciale à une entrée du carnaval, sur des personnes volontaires. Elle a jugé l’essai concluant.',
              ),
              h2('Ce que nous savons'),
              p(
                'Le ',
                r.doc('bilan'),
                ' ne dit rien des taux d’erreur ni du recueil du consentement.',
              ),
              h2('Ce que nous demandons'),
              list('le bilan complet ;', 'l’engagement de ne pas reconduire l’expérience.'),
            ),
          review: {
            by: 'sacha',
            note: 'Première version : relisez surtout « Ce que nous savons ».',
          },
          approvals: ['malo'],
        },
      },
      {
        key: 'nice-application',
        by: 'ines',
        title: 'Nice — application de signalement pour smartphone',
        cityCode: '06088',
        technologies: ['other'],
        projectStatus: 'abandoned',
        stage: 'drafting',
        description: `Une application permettant aux habitants de transmettre photos et vidéos à la police municipale. Après des réserves de la CNIL, la ville y a renoncé. ${DEMO_NOTE}`,
        tags: ['application', 'délation'],
        actors: [{ name: 'Ville de Nice', kind: 'public-body', role: 'porteur du projet' }],
        documents: [
          {
            key: 'seance',
            by: 'ines',
            fileName: 'notes-seance-conseil.pdf',
            title: 'Notes de séance du conseil municipal',
            kind: 'deliberation',
            date: '2018-03-26',
            source: 'Séance publique, notes du groupe',
            obtainedBy: 'council-meeting',
            make: () =>
              pdf('Notes de séance — conseil municipal', [
                [
                  'Présentation d’une application de signalement : photos, vidéos et géolocalisation transmises au centre de supervision.',
                  'Questions de l’opposition sur la conservation des images et l’identification des personnes filmées : réponses renvoyées à une commission.',
                ],
              ]),
          },
        ],
        timeline: [
          { date: '2018-03-26', title: 'Présentation en conseil municipal', doc: 'seance' },
        ],
        tasks: [
          {
            title: 'Vérifier que l’application a été retirée des magasins',
            assignee: 'malo',
            done: true,
          },
        ],
        threads: [
          {
            title: 'Pourquoi la ville a renoncé',
            posts: [
              {
                by: 'ines',
                body: (r) =>
                  doc(
                    p(
                      'D’après les ',
                      r.doc('seance'),
                      ', personne ne savait qui verrait les vidéos.',
                    ),
                  ),
              },
              {
                by: 'malo',
                body: () => doc(p('L’application n’est plus disponible : je coche la tâche.')),
                reactions: [['ines', 'check']],
              },
            ],
          },
        ],
      },
    ],
  },
  {
    name: 'Technopolice Toulouse',
    description: 'Analyse automatisée des images, vidéosurveillance.',
    admin: 'alex',
    members: [['jordi', 'member']],
    forum: welcome('alex', 'Toulouse', { by: 'jordi', text: 'Présent ! Je m’occupe de la CADA.' }),
    cases: [
      {
        key: 'toulouse-analyse',
        by: 'alex',
        title: 'Toulouse — analyse automatisée des images de vidéoprotection',
        cityCode: '31555',
        technologies: ['algorithmic-video-surveillance'],
        projectStatus: 'experiment',
        stage: 'investigating',
        description: `La ville a expérimenté un logiciel d’analyse des images de ses caméras (fournisseur à confirmer). Quelles fonctions, sur quelles caméras, et l’expérimentation a-t-elle pris fin ? ${DEMO_NOTE}`,
        tags: ['vsa'],
        actors: [
          { name: 'Ville de Toulouse', kind: 'public-body', role: 'porteur de l’expérimentation' },
          { name: 'Fournisseur (à confirmer)', kind: 'vendor', role: 'logiciel d’analyse vidéo' },
        ],
        documents: [
          {
            key: 'refus',
            by: 'jordi',
            fileName: 'reponse-ville-refus.pdf',
            title: 'Réponse de la ville : convention non communiquée',
            kind: 'foi-answer',
            date: '2024-04-02',
            source: 'Ville de Toulouse (démonstration)',
            obtainedBy: 'foi-request',
            make: () =>
              pdf('Objet : demande de communication de la convention d’expérimentation', [
                [
                  'Nous accusons réception de votre demande. La convention d’expérimentation comporte des informations relevant du secret des affaires et ne peut vous être communiquée.',
                ],
              ]),
          },
        ],
        timeline: [
          { date: '2024-02-01', title: 'Demande CADA du groupe' },
          { date: '2024-04-02', title: 'Refus de communication', doc: 'refus' },
        ],
        tasks: [
          { title: 'Saisir la CADA après le refus', assignee: 'jordi', due: inDays(7) },
          { title: 'Retrouver les délibérations de l’époque', assignee: 'alex', done: true },
        ],
        threads: [
          {
            title: 'Saisine de la CADA',
            posts: [
              {
                by: 'jordi',
                body: (r) =>
                  doc(
                    p(
                      'La ville invoque le secret des affaires (',
                      r.doc('refus'),
                      '). Le secret ne couvre pas tout : on peut demander une communication avec occultations.',
                    ),
                  ),
                reactions: [['alex', 'thumbs-up']],
              },
              {
                by: 'alex',
                body: (r) =>
                  doc(p('D’accord. ', r.who('jordi'), ' tu rédiges la saisine, je relis demain.')),
              },
            ],
          },
        ],
      },
    ],
  },
  {
    name: 'Technopolice Valenciennes',
    description: 'Caméras « offertes » et centre de supervision.',
    admin: 'morgane',
    members: [['theo', 'member']],
    forum: welcome('morgane', 'Valenciennes', {
      by: 'theo',
      text: 'Merci, je relis la convention.',
    }),
    cases: [
      {
        key: 'valenciennes-cameras',
        by: 'morgane',
        title: 'Valenciennes — caméras offertes par un industriel',
        cityCode: '59606',
        technologies: ['algorithmic-video-surveillance', 'data-interconnection'],
        projectStatus: 'deployed',
        stage: 'drafting',
        description: `La ville a reçu gratuitement des caméras et un centre de supervision d’un industriel, qui en fait une vitrine commerciale. Que prévoit la convention ? ${DEMO_NOTE}`,
        tags: ['partenariat', 'vitrine'],
        actors: [
          { name: 'Ville de Valenciennes', kind: 'public-body', role: 'bénéficiaire du don' },
          { name: 'Industriel (à confirmer)', kind: 'vendor', role: 'caméras et supervision' },
        ],
        documents: [
          {
            key: 'convention',
            by: 'theo',
            fileName: 'convention-partenariat-extraits.pdf',
            title: 'Convention de partenariat (extraits)',
            kind: 'contract',
            date: '2017-11-15',
            source: 'Document transmis au groupe (démonstration)',
            obtainedBy: 'source',
            make: () =>
              pdf('Convention de partenariat — extraits', [
                [
                  'Article 2 : le partenaire met à disposition de la ville, à titre gracieux, un ensemble de caméras et les logiciels associés.',
                  'Article 6 : la ville autorise le partenaire à présenter l’installation à des visiteurs et à des clients potentiels.',
                ],
              ]),
          },
          {
            key: 'place',
            by: 'theo',
            fileName: 'cameras-centre-ville.png',
            title: 'Caméras du centre-ville (photo de terrain)',
            kind: 'photo',
            date: '2024-06-08',
            source: 'Relevé de terrain du groupe',
            obtainedBy: 'field',
            make: () => photo('Caméras sur la place centrale', { cameras: 3 }),
          },
        ],
        timeline: [{ date: '2017-11-15', title: 'Signature de la convention', doc: 'convention' }],
        tasks: [{ title: 'Terminer la synthèse', assignee: 'morgane', due: inDays(12) }],
        threads: [
          {
            title: 'Que contient la convention ?',
            posts: [
              {
                by: 'theo',
                body: (r) =>
                  doc(
                    p(
                      'L’article 6 de la ',
                      r.doc('convention'),
                      ' autorise l’industriel à faire visiter l’installation à ses clients. La ville sert de vitrine.',
                    ),
                  ),
                reactions: [['morgane', 'eyes']],
              },
              {
                by: 'morgane',
                body: () => doc(p('C’est le cœur de la synthèse. J’ai commencé à l’écrire.')),
              },
            ],
          },
        ],
        summary: {
          by: 'morgane',
          body: (r) =>
            doc(
              h2('Le projet'),
              p(
                'Un industriel a offert à la ville des caméras et un centre de supervision ; en échange, il présente l’installation à ses clients (',
                r.doc('convention'),
                ').',
              ),
              h2('Ce que nous demandons'),
              p(italic('À écrire.')),
            ),
        },
      },
    ],
  },
  {
    name: 'Technopolice Strasbourg',
    description: 'Centre de supervision urbain et extension de la vidéoprotection.',
    admin: 'lou',
    members: [['sam', 'member']],
    forum: welcome('lou', 'Strasbourg', {
      by: 'sam',
      text: 'Bonjour ! Je commence par le budget.',
    }),
    cases: [
      {
        key: 'strasbourg-csu',
        by: 'lou',
        title: 'Strasbourg — centre de supervision et nouvelles caméras',
        cityCode: '67482',
        technologies: ['data-interconnection'],
        projectStatus: 'announced',
        stage: 'open',
        description: `Annonce d’un nouveau centre de supervision urbain et de caméras supplémentaires. Premières recherches : qui décide, pour quel budget ? ${DEMO_NOTE}`,
        tags: ['centre de supervision'],
        actors: [{ name: 'Ville de Strasbourg', kind: 'public-body', role: 'porteur du projet' }],
        documents: [
          {
            key: 'budget',
            by: 'sam',
            fileName: 'notes-budget-primitif.pdf',
            title: 'Notes de lecture du budget primitif',
            kind: 'other',
            date: '2025-01-20',
            source: 'Notes du groupe',
            obtainedBy: 'public-record',
            make: () =>
              pdf('Notes de lecture — budget primitif', [
                [
                  'Chapitre sécurité : une ligne d’investissement « équipements de vidéoprotection » en hausse, sans détail par projet.',
                  'À demander : la ventilation de cette ligne et le calendrier du centre de supervision.',
                ],
              ]),
          },
        ],
        timeline: [],
        tasks: [
          { title: 'Lire le budget primitif', assignee: 'sam', done: true },
          { title: 'Poser une question écrite aux élus', assignee: 'lou', due: inDays(20) },
        ],
        threads: [
          {
            title: 'Par où commencer ?',
            posts: [
              {
                by: 'lou',
                body: () =>
                  doc(
                    p(
                      'On ouvre le dossier. Première étape : le budget, puis une question écrite aux élus.',
                    ),
                  ),
              },
              {
                by: 'sam',
                body: (r) => doc(p('Mes notes sont là : ', r.doc('budget'), '.')),
                reactions: [['lou', 'heart']],
              },
            ],
          },
        ],
      },
    ],
  },
  {
    name: 'Technopolice Paris',
    description: 'VSA des Jeux olympiques, drones, capteurs.',
    admin: 'noa',
    members: [
      ['eli', 'coordinator'],
      ['ari', 'member'],
      ['camille', 'member'],
    ],
    forum: welcome('noa', 'Paris', { by: 'ari', text: 'Merci ! Je suis le dossier des drones.' }),
    cases: [
      {
        key: 'paris-jo',
        by: 'noa',
        title: 'Paris — vidéosurveillance algorithmique des Jeux olympiques',
        cityCode: '75056',
        technologies: ['algorithmic-video-surveillance'],
        projectStatus: 'experiment',
        stage: 'drafting',
        description: `La loi du 19 mai 2023 relative aux Jeux olympiques et paralympiques autorise, à titre expérimental, l’analyse algorithmique des images de vidéoprotection lors de grands évènements. Nous documentons son usage et son bilan. ${DEMO_NOTE}`,
        tags: ['jo 2024', 'expérimentation'],
        actors: [
          { name: 'Préfecture de police', kind: 'public-body', role: 'autorité des traitements' },
          {
            name: 'Éditeurs de logiciels (à confirmer)',
            kind: 'vendor',
            role: 'analyse des images',
          },
        ],
        documents: [
          {
            key: 'loi',
            by: 'eli',
            fileName: 'fiche-loi-2023.pdf',
            title: 'Fiche de lecture : la loi du 19 mai 2023',
            kind: 'other',
            date: '2023-05-19',
            source: 'Journal officiel, fiche du groupe',
            obtainedBy: 'public-record',
            make: () =>
              pdf('Fiche de lecture — loi relative aux Jeux olympiques et paralympiques de 2024', [
                [
                  'Article 10 : expérimentation de traitements algorithmiques sur les images de vidéoprotection et de drones, pour détecter des évènements prédéterminés lors de manifestations sportives, récréatives ou culturelles.',
                  'Garde-fous annoncés : pas de reconnaissance faciale, pas de données biométriques, une évaluation avant la fin de l’expérimentation.',
                ],
              ]),
          },
          {
            key: 'questions',
            by: 'ari',
            fileName: 'questions-evaluation.pdf',
            title: 'Nos questions sur l’évaluation',
            kind: 'other',
            date: '2024-10-01',
            source: 'Document du groupe',
            obtainedBy: 'other',
            make: () =>
              pdf('Questions sur l’évaluation de l’expérimentation', [
                [
                  'Quels évènements, quelles caméras, combien d’alertes, combien d’interventions en ont découlé ?',
                  'Quels taux de fausses alertes, et qui les a mesurés ?',
                ],
              ]),
          },
        ],
        timeline: [
          { date: '2023-05-19', title: 'Promulgation de la loi', doc: 'loi' },
          { date: '2024-07-26', title: 'Ouverture des Jeux' },
        ],
        tasks: [
          { title: 'Lire le rapport d’évaluation', assignee: 'eli', due: inDays(9) },
          { title: 'Lister les évènements concernés', assignee: 'ari', done: true },
        ],
        threads: [
          {
            title: 'Le bilan de l’expérimentation',
            posts: [
              {
                by: 'eli',
                body: (r) =>
                  doc(
                    p(
                      'J’ai résumé le cadre légal : ',
                      r.doc('loi'),
                      '. Reste à lire l’évaluation.',
                    ),
                  ),
                reactions: [['noa', 'thumbs-up']],
              },
              {
                by: 'ari',
                body: (r) => doc(p('Mes questions pour l’évaluation : ', r.doc('questions'), '.')),
              },
              {
                by: 'camille',
                body: (r) =>
                  doc(
                    p(
                      'À Marseille, nous avons publié notre synthèse sur la VSA municipale, hors de tout cadre légal : voir ',
                      link('les dossiers publiés', `${r.publicUrl}/p`),
                      '. Ça peut nourrir la vôtre.',
                    ),
                  ),
                reactions: [
                  ['noa', 'heart'],
                  ['eli', 'thumbs-up'],
                ],
              },
              {
                by: 'noa',
                body: (r) =>
                  doc(p('Merci ', r.who('camille'), ' ! Je m’en inspire pour la synthèse.')),
              },
            ],
          },
        ],
        summary: {
          by: 'noa',
          body: (r) =>
            doc(
              h2('Le projet'),
              p(
                'La loi du 19 mai 2023 a ouvert une expérimentation de la vidéosurveillance algorithmique pour les grands évènements (',
                r.doc('loi'),
                ').',
              ),
              h2('Bilan'),
              p(italic('En cours de rédaction.')),
            ),
        },
      },
      {
        key: 'paris-drones',
        by: 'ari',
        title: 'Paris — drones de la préfecture de police',
        cityCode: '75056',
        technologies: ['drones'],
        projectStatus: 'contested',
        stage: 'investigating',
        description: `Des drones filment l’espace public. En mai 2020, le Conseil d’État en a suspendu l’usage pendant le confinement ; la loi du 24 janvier 2022 leur a depuis donné un cadre. ${DEMO_NOTE}`,
        tags: ['drones', 'contentieux'],
        actors: [{ name: 'Préfecture de police', kind: 'public-body', role: 'exploitant' }],
        documents: [
          {
            key: 'chronologie',
            by: 'ari',
            fileName: 'chronologie-juridique.pdf',
            title: 'Chronologie juridique (notes du groupe)',
            kind: 'other',
            date: '2024-11-05',
            source: 'Notes du groupe',
            obtainedBy: 'other',
            make: () =>
              pdf('Drones : chronologie juridique', [
                [
                  'Mai 2020 : le Conseil d’État suspend l’usage des drones pour surveiller le respect du confinement à Paris.',
                  'Janvier 2022 : une loi encadre l’usage des drones par les forces de l’ordre.',
                  'Depuis : des arrêtés préfectoraux autorisent les vols au cas par cas ; nous les recensons.',
                ],
              ]),
          },
        ],
        timeline: [{ date: '2020-05-18', title: 'Suspension par le Conseil d’État' }],
        tasks: [
          { title: 'Recenser les arrêtés autorisant des vols', assignee: 'ari', due: inDays(15) },
        ],
        threads: [
          {
            title: 'Recenser les arrêtés',
            posts: [
              {
                by: 'ari',
                body: (r) =>
                  doc(
                    p(
                      'Point de départ : ',
                      r.doc('chronologie'),
                      '. Qui m’aide pour le recensement ?',
                    ),
                  ),
              },
              {
                by: 'eli',
                body: () => doc(p('Moi, je prends les arrêtés de l’année dernière.')),
                reactions: [['ari', 'heart']],
              },
            ],
          },
        ],
      },
    ],
  },
  {
    name: 'Technopolice Saint-Étienne',
    description: 'Capteurs sonores et « safe city ».',
    admin: 'mael',
    members: [['zoe', 'member']],
    forum: welcome('mael', 'Saint-Étienne', {
      by: 'zoe',
      text: 'Merci ! Je reprends les archives.',
    }),
    cases: [
      {
        key: 'saint-etienne-micros',
        by: 'mael',
        title: 'Saint-Étienne — capteurs sonores dans un quartier',
        cityCode: '42218',
        technologies: ['sound-sensors'],
        projectStatus: 'abandoned',
        stage: 'investigating',
        description: `En 2019, la ville a présenté un projet de micros sur l’espace public pour détecter des bruits « anormaux » et orienter caméras et patrouilles. Après l’alerte de la CNIL, le projet a été abandonné. ${DEMO_NOTE}`,
        tags: ['micros', 'quartier'],
        actors: [
          { name: 'Ville de Saint-Étienne', kind: 'public-body', role: 'porteur du projet' },
          { name: 'Start-up (à confirmer)', kind: 'vendor', role: 'capteurs et analyse sonore' },
        ],
        documents: [
          {
            key: 'reunion',
            by: 'zoe',
            fileName: 'notes-reunion-publique.pdf',
            title: 'Notes de la réunion publique de présentation',
            kind: 'other',
            date: '2019-03-12',
            source: 'Réunion publique, notes du groupe',
            obtainedBy: 'council-meeting',
            make: () =>
              pdf('Notes — réunion publique de présentation', [
                [
                  'Des capteurs installés sur les lampadaires détecteraient des bruits « anormaux » (cris, bris de verre, klaxons) et orienteraient caméras et patrouilles.',
                  'Questions du public : qui écoute ? les conversations sont-elles enregistrées ? Réponse : « seule la signature sonore est analysée ».',
                ],
              ]),
          },
          {
            key: 'presse',
            by: 'mael',
            fileName: 'revue-de-presse.pdf',
            title: 'Revue de presse 2019 (résumé du groupe)',
            kind: 'press',
            date: '2019-10-30',
            source: 'Résumé rédigé par le groupe',
            obtainedBy: 'press',
            make: () =>
              pdf('Revue de presse — capteurs sonores', [
                [
                  'La CNIL a alerté la ville sur l’absence de cadre légal pour ce type de dispositif. Le projet n’a pas été poursuivi.',
                ],
              ]),
          },
        ],
        timeline: [
          { date: '2019-03-12', title: 'Réunion publique de présentation', doc: 'reunion' },
          {
            date: '2019-10-30',
            title: 'Projet abandonné après l’alerte de la CNIL',
            doc: 'presse',
          },
        ],
        tasks: [
          { title: 'Vérifier qu’aucun capteur n’a été posé', assignee: 'zoe', due: inDays(18) },
        ],
        threads: [
          {
            title: 'Le projet est-il vraiment abandonné ?',
            posts: [
              {
                by: 'mael',
                body: (r) =>
                  doc(
                    p(
                      'La ',
                      r.doc('presse'),
                      ' dit que le projet n’a pas été poursuivi. Mais a-t-il été repris sous un autre nom ?',
                    ),
                  ),
              },
              {
                by: 'zoe',
                body: (r) =>
                  doc(
                    p(
                      'Je fais le tour du quartier samedi, ',
                      r.who('mael'),
                      '. Je prendrai des photos.',
                    ),
                  ),
                reactions: [['mael', 'thumbs-up']],
              },
            ],
          },
        ],
      },
    ],
  },
];
