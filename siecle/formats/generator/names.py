"""French names and places for generated exports: accents on purpose (é, è, ç, œ, ï, Â)."""

from __future__ import annotations

GIRLS = (
    "Zoé", "Chloé", "Léa", "Inès", "Maëlys", "Anaïs", "Noémie", "Héloïse", "Joséphine", "Océane",
    "Clémence", "Gaëlle", "Léna", "Éloïse", "Agathe", "Camille", "Manon", "Sarah", "Louise",
    "Jade", "Lucie", "Hélène", "Bérénice", "Maïwenn", "Perrine", "Aurélie", "Salomé", "Ambre",
)
BOYS = (
    "Théo", "Noé", "Léo", "Mathéo", "Raphaël", "Gaël", "Benoît", "François", "Loïc", "Anaël",
    "Hugo", "Louis", "Nathan", "Élie", "Timothée", "Joël", "Mickaël", "Jérémie", "Adrien",
    "Maël", "Ismaël", "Côme", "Valentin", "Aurélien", "Grégoire", "Sébastien", "Noël", "Jules",
)
ADULT_WOMEN = ("Nathalie", "Isabelle", "Sylvie", "Céline", "Stéphanie", "Valérie", "Sandrine",
               "Hélène", "Émilie", "Françoise", "Agnès", "Laëtitia", "Karine", "Géraldine")
ADULT_MEN = ("Stéphane", "Frédéric", "Jérôme", "Sébastien", "Benoît", "François", "Hervé",
             "Thierry", "Jean-Noël", "Raphaël", "Loïc", "Cédric", "Grégory", "Joël")
LAST_NAMES = (
    "MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY",
    "MOREAU", "SIMON", "LAURENT", "LEFÈVRE", "MICHEL", "GARCIA", "DAVID", "BERTRAND", "ROUX",
    "VINCENT", "FOURNIER", "MOREL", "GIRARD", "ANDRÉ", "MERCIER", "DUPONT", "LAMBERT", "BONNET",
    "FRANÇOIS", "MARTINEZ", "LEGRAND", "GARNIER", "FAURE", "ROUSSEAU", "BLANC", "GUÉRIN",
    "MULLER", "HENRY", "PERRIN", "MORIN", "CLÉMENT", "GAUTHIER", "FONTAINE", "CHEVALIER",
    "LE BŒUF", "CŒURDEROY", "HAÏDARA", "MOÏSE", "GARÇON", "HÉBERT", "D'ALMEIDA", "NGUYEN",
    "BENOÎT", "DE LA FONTAINE-ŒILLET", "LOPES DA SILVA", "FÈVRE", "CHÂTELAIN", "BRÛLÉ",
)
STREETS = (
    "RUE DES ÉCOLES", "AVENUE JEAN JAURÈS", "CHEMIN DES ŒILLETS", "RUE FRANÇOIS MITTERRAND",
    "IMPASSE DES MÛRIERS", "BOULEVARD DE LA LIBÉRATION", "ALLÉE DES PEUPLIERS", "PLACE DU MARCHÉ",
    "RUE DU CHÂTEAU D'EAU", "ROUTE DE SAINT-ÉTIENNE", "RUE HÉLÈNE BOUCHER", "RUE DE LA GARE",
)
ADDRESS_COMPLEMENTS = ("BÂTIMENT B", "RÉSIDENCE LES TILLEULS", "APPARTEMENT 12", "ESCALIER C")
TOWNS = (
    "SAINT-ÉTIENNE-DU-BOIS", "LA CHÂTRE", "VILLENEUVE-LÈS-AVIGNON", "BOËN", "CHÂTEAUNEUF",
    "L'ÎLE-ROUSSE", "MONTCŒUR", "SAINTE-HÉLÈNE", "ÉVREUX-LA-FORÊT", "PLOËRMEL-SUR-MER",
)
# (INSEE country code, label, a town) for pupils and persons living or born abroad.
FOREIGN = (
    ("109", "ALLEMAGNE", "MÜNCHEN"),
    ("134", "ESPAGNE", "SEVILLA"),
    ("139", "PORTUGAL", "BRAGA"),
    ("350", "MAROC", "FÈS"),
    ("131", "BELGIQUE", "LIÈGE"),
)
SCHOOL_NAMES = ("JEAN MOULIN", "VICTOR HUGO", "GEORGES BRASSENS", "MARIE CURIE", "JULES FERRY",
                "SIMONE VEIL", "CAMILLE CLAUDEL", "LOUISE MICHEL", "ÉMILE ZOLA", "JOACHIM DU BELLAY")
