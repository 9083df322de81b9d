"""Concept-level crisis detection: the recall-biased layer under the phrase patterns.

Why a second layer: four rounds of phrase patterns reached 0.98 crisis recall on the phrases
they were written against and about 0.6 on wording nobody had seen. People in crisis rarely
repeat a phrase list; they mention a *concept* (their own death, a method, a plan, a goodbye,
someone hurting them) in their own words. So this layer asks "is a crisis concept here, about
the speaker, and not inside a known idiom?" rather than "is this exact phrase here?".

Everything here works on the clause text `distress.py` has already normalised (lower case, no
apostrophes, slang mended, padded with spaces) and on which the idioms have been blanked. The
lists are plain strings so reviewers can read them; `distress.py` compiles them.

The bias is deliberate: when a sentence is about the speaker's own death or harm and it is not
a listed idiom, it counts as crisis. A gentle crisis answer to hyperbole costs a tap on "I'm
safe, thanks"; silence to a real crisis can cost a life.
"""

from __future__ import annotations

import re

FIRST_PERSON = r"(?:i|im|ive|id|ill|me|myself)"
"""The speaker, after normalisation ("i'm" -> "im", "i'd" -> "id")."""

_GAP_STOP = (
    r"(?:my|his|her|their|your|our|he|she|they|it|its|we|you|this|that|the|a|an|of|for|"
    r"hes|shes|theyre|thats|theres|when|if|whether|and|but|because|laughing|lol|not|dont|never|"
    r"no|isnt|wasnt|wont|didnt|doesnt|cant|couldnt|wouldnt|arent|werent|watched|watching|watch|"
    r"saw|seen|read|reading|play|playing|played|nearly|almost|like)"
)
_GAP = rf"(?: (?!{_GAP_STOP}(?![a-z]))[a-z]+){{0,4}}"
"""Up to four words between the speaker and the concept, none of which starts a new subject
("i think my dog is dying" is about the dog) or a negation ("i'm not going to die")."""

DRUG = (
    r"(?:pills?|tablets?|meds|medication|medicine|paracetamol|acetaminophen|tylenol|ibuprofen|"
    r"advil|nurofen|aspirin|co ?codamol|codeine|tramadol|oxy|oxys|oxycodone|oxycontin|fentanyl|"
    r"morphine|insulin|sertraline|citalopram|escitalopram|fluoxetine|prozac|zoloft|lexapro|"
    r"amitriptyline|mirtazapine|quetiapine|seroquel|lithium|diazepam|valium|xanax|benzos?|"
    r"sleeping (?:pills|tablets)|sleepers|antidepressants|anti ?depressants|painkillers|"
    r"pain killers|propranolol|opioids|heroin|gabapentin|pregabalin|zopiclone)"
)
_BODY = (
    r"(?:arm|arms|forearm|forearms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach|tummy|belly|"
    r"hip|hips|body|face|chest|ankle|ankles|shoulder|shoulders|upper arms?|inner arms?)"
)
_SELF_HARM_VERB = (
    r"(?:cut|cuts|cutting|burn|burns|burning|burnt|burned|hit|hits|hitting|punch|punches|"
    r"punching|punched|scratch|scratches|scratching|scratched|bite|bites|biting|slap|slaps|"
    r"slapping|slapped|carve|carves|carving|carved|stab|stabs|stabbing|stabbed|hurt|hurts|"
    r"hurting|harm|harms|harming|harmed|bruise|bruising|bruised|starve|starves|starving|starved|"
    r"choke|choking|strangle|strangling|punish|punishing|poison|poisoning)"
)
_HIGH_PLACE = (
    r"(?:bridge|roof|rooftop|building|tower|tracks|train|balcony|window|multistorey|multi "
    r"storey|car park|carpark|cliff|cliffs|ledge|motorway|overpass|flyover|top floor|block of "
    r"flats|flats|lorry|bus|traffic|platform)"
)
_INTENT = (
    r"(?:want|wanna|wanted|going to|gonna|thinking|thought|think|tempted|urge|urges|could|might|"
    r"should|on purpose|imagine|imagining|plan|planning|about to|will|ill|keep|wish|ready|need)"
)
PERSON = (
    r"(?:he|she|they|him|her|my (?:\w+ ){0,2}(?:husband|wife|partner|boyfriend|girlfriend|bf|gf|"
    r"ex|dad|father|mum|mom|mother|stepdad|stepfather|stepmum|stepmom|brother|sister|uncle|aunt|"
    r"son|daughter|carer|boss|flatmate|roommate|landlord|teacher|coach|fiance|fiancee|man|"
    r"woman|parents|family|cousin|grandad|grandpa|neighbour|neighbor))"
)
_ABUSE_VERB = (
    r"(?:hits|hit|hitting|beats|beat|beating|chokes|choked|choking|strangles|strangled|slaps|"
    r"slapped|punches|punched|kicks|kicked|hurts|hurt|hurting|abuses|abused|abusing|rapes|"
    r"raped|touches|touched|threatens|threatened|burns|burned|pushes|pushed|shoves|shoved|"
    r"grabbed|grabs|pinned|pins|dragged|drags|smacked|smacks|spat on|spits on|bit|bites|"
    r"forces|forced|strangle|attacked|attacks|stalks|stalked|controls|controlled)"
)

CONCEPT_IDIOMS = [
    r"(?:killed|kill|killing) myself (?:laughing|with laughter)",
    r"(?:id|i would|would|i could|could) (?:rather|sooner) (?:die|be dead) than"
    r"(?! (?:go on|live|keep|carry on|feel|be (?:alone|like this|here)|wake))",
    r"(?:be|was|is) the death of (?:me|us)",
    r"(?:lol|lmao|lmfao|haha|hahaha|omg|xd) (?:im |i am |literally |actually |so |just )*"
    r"(?:dead|dying|died|deceased)",
    r"(?:dead|dying|died|deceased)(?= (?:laughemoji|skullemoji|lol|lmao|lmfao|haha|hahaha|xd))",
    r"(?:im|i am) deceased",
    r"(?:im|were|i am|we are) (?:literally )?dying (?:here|in (?:this|the) (?:heat|sun|queue|"
    r"class|meeting|office))",
    r"(?:died|die|dying) (?:[a-z]+ ){0,2}(?:times|on (?:the|that|this) (?:[a-z]+ )?(?:boss|level|"
    r"round|stage|map|raid|mission))",
    r"(?:id|i would|would|i could|could) die without",
    r"(?:killed|kill|killing) myself (?:at|in|on) (?:the |that |this |my )?(?:gym|spin|class|"
    r"workout|training|run|hill|hills|bike|track|pool|session|job|work|office|garden)",
    r"cut (?:myself|me|yourself|him|her|them) (?:some )?slack",
    r"(?:im|were|youre|hes|shes|theyre|i am|we are|i will be|ill be|were going to be) "
    r"(?:so |totally |literally |definitely )?dead (?:if|when|meat)",
    r"dead (?:boring|keen|sure|certain|chuffed|easy|simple|proud|excited|nice|lucky|handy|cheap|"
    r"good|busy|slow|quiet|popular|late|early|posh|cute|jealous)",
    r"(?:party|pub|place|town|club|bar|gym|office|shop|street|chat|group chat|room) (?:was|is|"
    r"were|got|has been) (?:so |totally |completely )?dead",
    r"(?:about to|going to|gonna|will|is going to) die(?= on (?:me|us))",
    r"(?:phone|battery|laptop|car) (?:is |s )?(?:on|at) \w+ (?:percent|per cent)(?: \w+){0,3}",
    r"(?:plants?|tomatoes|basil|herbs|flowers|roses|garden|lawn|grass|seedlings|tree|trees|"
    r"succulents?|cactus|orchid|fish|goldfish) (?:are|is|have|has|all|just|been|keep|keeps|"
    r"always)(?: \w+){0,2} (?:dead|died|dying|die)",
    r"keep (?:my |the |a |our |his |her |this |that )?\w+ alive",
    r"(?:feel|felt|feeling|feels|comes|came|come) (?:so |really |truly |more |most |fully )?"
    r"alive(?! (?:anymore|any more))",
    r"(?:dying|dyed|dye|dyeing) (?:my|her|his|their|the|your|it|our) (?:hair|roots|clothes|"
    r"jeans|shirt|beard|eyebrows|fringe)",
    r"(?:bungee|cliff|ski|base|parachute|sky|trampoline|rope|puddle|high|long|show) jump\w*",
    r"(?:cat|dog|kitten|puppy|baby|toddler|hamster|rabbit|parrot) (?:\w+ )?(?:scratched|"
    r"scratches|bit|bites|bitten) (?:me|my)",
    r"(?:shot|robbed|jumped|attacked|killed|stabbed|murdered) (?:\w+ )?(?:in|at|by) (?:the )?"
    r"(?:fortnite|game|quiz|pub quiz|paintball|laser tag|referee|ref|prices|price|final)",
    r"(?:cut|burnt|burned|burn|hurt|scratched|grazed) (?:my ?self|my \w+) (?:with|on) (?:the |a "
    r"|my )?(?:iron|oven|kettle|pan|tray|stove|hob|knife while|grater|paper|bramble|brambles|"
    r"nettles|thorns|fence)",
]
"""Idioms that only look like crisis concepts; blanked before the concept rules run."""

CONCEPTS = [
    # the speaker's own death
    rf"{FIRST_PERSON}{_GAP} (?:die|died|dying|dead|death)(?! (?:inside|to me|on (?:me|us)))",
    r"why (?:am|was|do|did|are|should|would|is) (?:i|me|it that i)(?: \w+){0,3} (?:alive|"
    r"born|exist|existing|still here|even here|still living|still breathing|breathing)",
    r"(?:thoughts?|thinking|think|thought|dreams?|dreaming|fantasies|fantasi[sz]e|"
    r"fantasi[sz]ing|obsessed|obsessing|urges?|idea) (?:of|about|on) (?:death|dying|being dead|"
    r"suicide|killing myself|ending (?:it|things|my life|everything)|not (?:being|existing|"
    r"waking)|hurting myself|harming myself|my (?:own )?(?:death|funeral))",
    r"(?:hope|wish|pray|want|wanted|praying|hoping|wishing|rather|prefer)(?: \w+){0,3} "
    r"(?:not|never|dont|didnt|wont|hadnt|had never|wouldnt) (?:to )?(?:wake|woke|woken|waking) "
    r"up(?! (?:late|early|too|in time|on time|before|till|until|for))",
    r"(?:dont|doesnt|didnt|wouldnt|couldnt|no longer|dont even|cant|do not) (?:really |even )?"
    r"(?:care|mind|matter)(?: \w+){0,2} (?:if|whether) i (?:live|die|died|wake up|survive|make "
    r"it|am alive|was dead|get hurt|crash)",
    r"(?:when|once|after|if|before) (?:im|i am|ive) (?:gone|dead|not here|not around|no longer "
    r"here)(?! (?:for|to|on|away|shopping|out|home|back|abroad|a week|the|until|till|this|"
    r"next|in))",
    r"(?:my|the) (?:last|final) (?:night|day|hours|moments|breath) (?:alive|on earth|here on "
    r"earth|on this earth)",
    r"(?:danger|risk|threat) to myself",
    r"(?:wont|not going to|dont think ill|dont think i will|dont think i can|might not|may not|"
    r"doubt ill|doubt i will|probably wont|not gonna) make it (?:to|through|till|until|past) "
    r"(?:the weekend|tomorrow|morning|the morning|next week|next month|christmas|new year|the new "
    r"year|my birthday|the end of the (?:week|month|year)|another (?:day|week|night))",
    r"my (?:own )?funeral",
    r"(?:the )?only (?:thing|things|reason|one|person|people) (?:stopping me|keeping me (?:alive|"
    r"here|from (?:doing it|ending it))|that stops me|im still (?:alive|here))",
    r"(?:disappear|vanish)(?: [a-z]+){0,2} (?:forever|for good|permanently|never (?:come back|be "
    r"found|return|be seen|wake))",
    r"(?:wont|not going to|dont think ill|dont think i will|dont think i can|might not|may not|"
    r"doubt ill|probably wont) (?:survive|make it through|last) (?:tonight|the night|much longer|"
    r"another (?:day|night|week)|till morning|until morning|the week)",
    r"(?:cant|dont|do not|cannot) (?:see|imagine|picture) (?:myself|me)(?: [a-z]+){0,2} (?:alive|"
    r"here|around)(?= next| much| by| in| for| anymore| any longer|\s*$)",
    r"(?:not|dont|never|cant|no longer) (?:feel )?(?:safe|trust myself) (?:with|around|by|"
    r"near|from) myself",
    r"(?:cant|dont|do not) trust myself(?= tonight| right now| alone| around| with| anymore|"
    r"\s*$)",
    r"(?:easier|better|happier|lighter|fine|okay|ok|free|relieved|nicer)(?: [a-z]+){0,3} without "
    r"me(?! (?:for|this|today|tonight|while|until|till|on|at|in the|next|tomorrow))",
    rf"(?:counted|counting|lined|lining|laid|laying) (?:out |up )?(?:all )?(?:of )?(?:my|the) "
    rf"{DRUG}|(?:set|setting|got|have) (?:all )?(?:my|the) {DRUG} (?:out|up|ready|in front of me)"
    rf"|{DRUG} (?:are |is )?(?:all )?(?:lined up|"
    r"counted out|counted|laid out|ready|in front of me)(?! for (?:collection|pickup|pick up))",
    r"(?:scared|afraid|terrified|worried|frightened) (?:of )?what (?:ill|i will|i might|i could|"
    r"im going to|i may|i would) do(?! (?:next|tomorrow|for|with|about|at|after|when|if|now))",
    r"(?:stand|standing|stood|sit|sitting|sat|lean|leaning|walk|walked|went)(?: [a-z]+){0,4} "
    r"(?:near|close to|at|on|over|to) the edge(?! of (?:my|our|the|their) (?:seat|seats|bed|sofa|"
    r"table|town|pool|forest|park|chair))",
    r"(?:im|i am|i feel|feel) (?:so |just |finally |honestly |really )?ready to (?:go|leave this "
    r"world|be gone)(?= now\s*$| for good| forever|\s*$)",
    r"at peace with (?:dying|death|my decision|leaving|going|the idea|ending it|it all ending)",
    rf"(?:looked up|look up|looking up|googled|google|googling|searched|searching|checking|"
    rf"checked|find out|found out|worked out) how (?:high|tall|far down|deep|far|long a drop) "
    rf"(?:the |that |a |this |my )?(?:[a-z]+ ){{0,2}}(?:{_HIGH_PLACE}|drop|fall)",
    r"(?:kill|hurt|hit|beat|break|snap|slit|cut|smash|get|punish|end|ruin)(?: [a-z]+){0,3} if i "
    r"(?:ever )?(?:tell|told|say|said|report|reported|go to the police|went to the police|call "
    r"the police|called the police|leave|left|speak|spoke|try to leave|tried to leave)",
    r"(?:put|puts|putting|laid|lays|had|has|keeps|cant keep|wont keep|keep) (?:his|her|their) "
    r"hands (?:on|off) me",
    r"(?:when|even when|though|after|even though) i (?:say|said|told (?:him|her|them)|begged|"
    r"asked (?:him|her|them)) (?:no|stop|to stop|not to)",
    r"(?:banging|hammering|kicking|pounding|bashing|smashing) (?:on|at|down|in) (?:my|the|our) "
    r"(?:door|front door|window|windows)",
    r"(?:no|theres no|there is no|cant see a|cant see any|dont see a|dont see any) (?:way|escape) "
    r"out(?! of (?:this|the|that) (?:meeting|queue|traffic|car park|contract|deal|lease|"
    r"conversation|game|level|room|building))",
    r"(?:dead|death|dying|being dead|not existing|not being here|nothing) (?:is|would be|must be|"
    r"seems|sounds|feels|has to be|cant be|will be) (?:so much |much |a lot |way )?(?:better|"
    r"easier|preferable|kinder|nicer|more peaceful) (?:than|then)(?! (?:(?:a|the|this|that) "
    r"(?:meeting|party|film|class|lecture|job|queue)))",
    r"(?:cant|cannot) do (?:it|this) (?:anymore|any more|any longer|no more)",
    r"(?:thinking|think|thought|looking|looked|researching|reading|googling|searching|searched|"
    r"finding) (?:about |up |into |for |of )?(?:ways|the best way|a way|how|methods|the easiest "
    r"way|the quickest way) to do it",
    r"(?:thinking of|thinking about|going to|gonna|want to|wanna|plan to|about to|ready to|just|"
    r"might|could|tempted to|urge to|ill|i will|keep) (?:walk|walking|wade|wading|swim|swimming) "
    r"(?:out )?into the (?:sea|river|lake|ocean|canal|water|reservoir|waves)",
    r"(?:walk|swim|wade|walked|swam|waded) (?:out )?into the (?:sea|river|lake|ocean|canal|water|"
    r"reservoir|waves) and (?:never|not) (?:come back|stop|return|turn back)",
    r"(?:whats|what is|wheres) the point (?:of|in) (?:staying|carrying on|being here|me being "
    r"here|me|hanging on|staying alive|staying around|continuing)",
    # life itself
    r"(?:dont|do not|no longer|cant|cannot|dont wanna|tired of|sick of|done with|hate)(?: \w+)"
    r"{0,3} (?:this |my )?(?:life|living|existing|existence)(?: \w+){0,2} (?:anymore|any more|"
    r"any longer|no more)",
    r"(?:life|living|this world|this earth|being alive|existing)s? (?:is |s )?(?:just )?"
    r"(?:isnt|is not|aint|not) for me",
    r"(?:tired|sick|done|exhausted|weary|fed up) (?:of|with) (?:existing|existence|being alive|"
    r"breathing|being here|this life|life itself|living)",
    r"(?:dont|do not) deserve (?:to eat|food|to live|to be alive|to exist|to breathe|to be here|"
    r"to wake up)",
    r"(?:not|stopped|havent been|havent|dont|not been) (?:eating|eaten|eat)(?: \w+){0,4} on "
    r"purpose",
    # euphemisms
    r"(?:top|topping|topped|off|offing|offed|neck|necking|end|ending|erase|erasing) my ?self",
    r"check(?:ing)? out (?:early|for good|permanently|of (?:life|this world|this life))",
    # overdose and poison
    rf"(?:took|taken|take|taking|swallowed|swallow|swallowing|downed|down|necked|neck|popped|"
    rf"pop|ate|eaten|had|overdosed on|od on|od|oded on)(?: (?:a|the|my|her|his|mums|moms|dads|"
    rf"all|of|whole|entire|full|every|last|nearly|almost|like))* (?:packet|pack|packets|box|"
    rf"boxes|bottle|bottles|strip|strips|sheet|sheets|handful|handfuls|load|loads|bunch|lot|"
    rf"lots|heap|tub|jar|blister pack)s? of(?: \w+){{0,2}} {DRUG}",
    rf"(?:took|taken|take|taking|swallowed|swallow|swallowing|downed|necked|popped|had|ate|"
    rf"overdosed on)(?: like| about| over| around| maybe| nearly| almost)? (?:[1-9][0-9]+|[6-9]|"
    rf"six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|"
    rf"hundred)(?: \w+)? {DRUG}",
    r"(?:lethal|fatal|deadly|toxic) (?:dose|amount|overdose|quantity)",
    rf"(?:saved|saving|stockpiled|stockpiling|hoarded|hoarding|collecting|collected|stashing|"
    rf"stashed) (?:up )?(?:all |some |enough )?(?:of )?(?:my |the |these |her |his )?{DRUG}"
    r"(?! (?:list|in the|for (?:the|my|our) (?:trip|holiday)|prescription))",
    rf"how (?:many|much) {DRUG}(?: \w+){{0,5}} (?:kill|kills|lethal|fatal|die|dead|od|"
    r"overdose|enough to|it takes|does it take|would it take)",
    r"(?:drank|drink|drinking|swallowed|swallow|ate|took|taken|had|downed|gonna drink|going to "
    r"drink)(?: some| a bottle of| the| a cup of| a glass of| a bit of)? (?:bleach|antifreeze|"
    r"anti freeze|weedkiller|weed killer|rat poison|poison|drain cleaner)",
    # self-harm
    rf"{_SELF_HARM_VERB} (?:my ?self|my own \w+|my {_BODY})",
    rf"(?:carve|carved|carving|cut|cuts|cutting|burn|burning|scratch|scratching|write|wrote|"
    rf"writing)(?: \w+){{0,2}} (?:into|in|on) my {_BODY}(?= .*(?:blade|razor|knife|bleed|blood|"
    r"scar)|\s*$)"
    r"|(?:carve|carved|carving)(?: \w+){0,2} into my \w+",
    r"(?:hide|hiding|cover|covering|hid|covered|hides|covers) (?:up )?(?:the |my |all the )?"
    r"(?:scars|cuts|burns|marks|wounds|bruises)",
    r"(?:bang|banging|banged|hit|hitting|smash|smashing) my head (?:against|into) (?:the |a )?"
    r"(?:wall|walls|floor|door|desk)(?! (?:with|over|trying|about|because|at work|all day))",
    r"(?:punch|punching|punched|hit|hitting) (?:the |a )?walls?(?= .*(?:till|until|bleed|bled|"
    r"blood|broke|break))",
    # methods
    rf"{_INTENT}(?: [a-z]+){{0,4}} (?:drive|driving|drove|crash|crashing|swerve|swerving|steer|"
    r"steering) (?:my car |the car |myself )?(?:off|into|in front of) (?:a |the |an |some )?"
    r"(?:wall|tree|river|lake|sea|bridge|cliff|lorry|truck|oncoming|traffic|train|bus|canal|"
    r"reservoir)",
    r"(?:crash|crashing|crashed|drive|driving|drove|swerve|swerving) (?:my|the) car on purpose",
    rf"(?:jump|jumping|jumped|throw myself|throwing myself|leap|leaping|step|stepping) (?:off|"
    rf"from|in front of|under)(?: \w+){{0,3}} {_HIGH_PLACE}",
    r"(?:im|i am|sitting|standing|stood|sat|been|up) (?:on|at) (?:the |a |this )?(?:edge of "
    r"(?:the |a )?)?(?:\w+ ){0,2}(?:roof|rooftop|bridge|ledge|cliff|tracks|railway line|platform "
    r"edge)(?!.*(?:watching|photo|pictures|view|sunset|sunrise|fireworks|party|drinks|bar|"
    r"terrace|garden|picnic|tour|concert|gig|fixing|repair|work|job|gutter|tiles|aerial|"
    r"walk|run|traffic jam|queue))",
    r"(?:rope|belt|cord|cable|scarf|sheet|ligature|noose|hands|hand|arm) (?:around|round) my "
    r"neck",
    r"(?:tied|tie|tying|hung|hang|hanging|attached) (?:a |the |my )?(?:rope|belt|cord|cable|"
    r"scarf|sheet|ligature|noose) (?:to|around|round|on|over|from) (?:the |a |my )?(?:door|"
    r"doorhandle|door handle|banister|bannister|beam|ceiling|loft|hook|rail|tree|neck)"
    r"(?! (?:for (?:a|the) (?:swing|hammock|boat|tent|washing)))",
    r"(?:the |a )?(?:night|day) i (?:finally )?(?:do it|end it|go through with it)",
    r"(?:got|holding|have|hold|with) (?:a|the|my) (?:knife|blade|razor|razor blade|gun) in my "
    r"hands?(?! (?:and|chopping|cutting (?:the|onions|veg|bread)|for))",
    r"(?:knife|blade|razor|razor blade|gun|scissors|glass|shard) (?:against|to|at|on|into|over) "
    r"my (?:wrist|wrists|throat|neck|arm|arms|skin|head|temple|chest|thigh|thighs|leg|legs|"
    r"stomach)",
    # plans and goodbyes
    r"(?:a|the|my) plan (?:to|for how to|for when to|for) (?:do it|end|go through|die|kill|not "
    r"be)",
    r"(?:planned|planning|plan|worked out|figured out|decided|know|chosen|picked) (?:out )?"
    r"(?:how|when|where) (?:to|im going to|ill|i will|i am going to|i am gonna|im gonna) "
    r"(?:do it|end it|go through with it|die)",
    r"(?:i|ive|i have|im|i just|i finally|ive finally|already)(?: \w+)? (?:set|picked|chosen|"
    r"chose|decided on|fixed|planned) (?:the|a|my) (?:date|day|time|night|place|spot|method|"
    r"way)(?= for it| to do it| when i| for when|\s*$)",
    r"(?:written|wrote|write|writing|left|leave|leaving|finished|drafted) (?:a |my |the |some "
    r"|goodbye )?(?:note|notes|letter|letters) (?:for|to) (?:my |all |everyone|everybody|each "
    r"of )?(?:family|kids|children|parents|mum|mom|dad|wife|husband|partner|son|daughter|loved "
    r"ones|friends|sister|brother|them all|everyone|everybody|people i love)"
    r"(?! (?:about|asking|saying thanks|reminding|to (?:say|ask|remind)|for (?:their|the|his|"
    r"her) (?:birthday|anniversary)))(?!.*(?:birthday|christmas|anniversary|thank|shopping|"
    r"dinner|school|bins|holiday|trip))",
    r"(?:giving|gave|given|give) away (?:all )?(?:of )?(?:my|all my) (?:stuff|things|"
    r"belongings|possessions|clothes|pets|dog|cat|books|games)",
    r"(?:put|putting|sorting|sorted|got) (?:all )?my affairs in order",
    # danger and abuse
    rf"{PERSON}(?: [a-z]+){{0,6}} {_ABUSE_VERB} (?:me|us)(?![a-z])",
    r"(?:forces|forced|forcing|makes|made|making|pressures|pressured|pressuring|coerces|coerced) "
    r"me (?:to )?(?:have sex|sleep with|do (?:things|stuff|sexual)|touch|into (?:sex|bed|"
    r"things)|perform|send (?:nudes|pictures|photos))",
    r"(?:threw|throws|throw|throwing|hurled|chucked) (?:a |the |his |her |my )?(?:plate|glass|"
    r"bottle|knife|chair|phone|mug|cup|shoe|things|stuff|something|punches|pan) at me",
    r"(?:grabbed|grabs|grabbing|pinned|pins|held|holds|pushed|shoved|dragged|drags|slammed|"
    r"slams|threw|throws) me (?:by the (?:throat|neck|hair|arm|arms)|down|against|across|to the "
    r"(?:floor|ground|wall)|down the stairs|into (?:the|a) (?:wall|door|table|floor|ground|car))",
    r"(?:i was|ive been|i got|been|im being|just got|got|i just got|i have been|was|getting|"
    r"i was just|im) (?:\w+ )?(?:attacked|stabbed|mugged|assaulted|shot|jumped|beaten up|"
    r"glassed|spiked|kidnapped|raped|followed|stalked|hurt)(?! (?:by the (?:ref|referee)|in "
    r"(?:the|a) (?:game|match)|by (?:the|a|my|our) (?:dog|cat|puppy|kitten|kids?|baby|toddler|"
    r"goose|swan)))",
    r"(?:im|i am|ive been|i was|im still|still) bleeding(?! (?:money|cash))",
    r"(?:bleeding|blood) (?:everywhere|a lot|badly|heavily|wont stop|so much|all over)",
    r"cant stop the bleeding",
    r"(?:following|stalking|chasing) me(?= home| everywhere| around| again| and|\s*$)",
    r"(?:being|im being|getting|got|been|was) (?:followed|stalked|chased)(?! (?:on|by (?:a|the) "
    r"(?:dog|cat|goose|bee|wasp)))",
    r"(?:cant|couldnt|cannot|could not) (?:make (?:him|her|them) )?(?:stop|fight off|get away "
    r"from|escape|push away) (?:him|her|them)(?! (?:from|leaving|going|drinking|spending|"
    r"talking|snoring|playing))",
]
"""Crisis concepts, matched per clause after the idioms are blanked."""

_FAREWELL = re.compile(r"(?<![a-z])(?:goodbye|bye|farewell|goodnight forever)(?![a-z])")
_FINALITY = re.compile(
    r"(?<![a-z])(?:im done|its over|sorry for everything|sorry for all|love you all|forgive me|"
    r"take care of|nice knowing|knowing you|for the last time|last time|forever|for good|this "
    r"is it|wont see|wont be|other side|in another life|im sorry|i am sorry|ill miss you)"
    r"(?![a-z])"
)
_DO_IT = re.compile(
    r"(?<![a-z])(?:going to|gonna|will|ill|im|finally) (?:finally )?do it (?:tonight|tomorrow|"
    r"today|on \w+|this weekend|soon|this time|when)(?![a-z])|(?<![a-z])the (?:night|day) i "
    r"(?:finally )?do it(?![a-z])"
)
_RESOLVE = re.compile(
    r"(?<![a-z])(?:decided|plan|planned|made up my mind|nobody can stop|no one can stop|"
    r"goodbye|im sure|ready|im done)(?![a-z])"
)
_METHOD_PLACE = re.compile(
    r"(?<![a-z])(?:train tracks|railway|tracks|bridge|roof|ledge|cliff|pills|rope|noose|razor|"
    r"blade|motorway|overpass|multistorey|car park roof)(?![a-z])"
)
_CONSIDERED = re.compile(
    r"(?<![a-z])(?:thought about it|thinking about it|think about it|considered it|tempted|"
    r"almost did it|nearly did it|nearly went through|almost went through)(?![a-z])"
)
_ALIVE = re.compile(rf"(?<![a-z]){FIRST_PERSON}(?: [a-z]+){{0,5}} alive(?![a-z])")
_ALIVE_CUE = re.compile(
    r"(?<![a-z])(?:why|not|dont|didnt|wont|no|never|hate|tired|sick|done|stop|longer|wish|"
    r"point|reason|cant|anymore|worth|by christmas|by next|next year|next month|in a year|"
    r"doubt|reckon|much longer|for long|still)(?![a-z])"
)


_LAUGHTER = re.compile(
    r"(?<![a-z])(?:hilarious|funny|laughing|laughemoji|skullemoji|lol|lmao|lmfao|haha|hahaha|"
    r"rofl|xd|jokes|joke|meme|crying laughing)(?![a-z])"
)
_DEAD_OF_LAUGHTER = re.compile(
    r"(?<![a-z])(?:im|i am|literally|actually|i just|i) (?:so |literally |actually )?"
    r"(?:dead|died|dying|deceased)(?![a-z])"
)


def blank_laughter(clauses: list[str]) -> list[str]:
    """ "I'm dead, that's hilarious": slang for laughing, told by the rest of the message."""
    if not any(_LAUGHTER.search(clause) for clause in clauses):
        return clauses
    return [_DEAD_OF_LAUGHTER.sub(" _ ", clause) for clause in clauses]


_WILL = re.compile(
    r"(?<![a-z])(?:writing|wrote|written|made|making|make|write|drafted|sorted|sorting|finished|"
    r"done|doing) (?:my|a) will(?![a-z])"
)
_WILL_CUE = re.compile(
    r"(?<![a-z])(?:tonight|in case|passwords|only \d+|im only|before i go|goodbye|letters|"
    r"when im gone|after im gone)(?![a-z])"
)


def message_crisis(message: str) -> bool:
    """Crisis concepts that span clauses: a goodbye with finality ("bye everyone, i'm done"),
    a resolved plan ("i'm going to do it tonight, i've decided"), a method place considered
    ("looked at the tracks and thought about it"). `message` is the normalised clauses joined."""
    if _FAREWELL.search(message) and _FINALITY.search(message):
        return True
    if _DO_IT.search(message) and _RESOLVE.search(message):
        return True
    if _WILL.search(message) and _WILL_CUE.search(message):
        return True
    return bool(_METHOD_PLACE.search(message) and _CONSIDERED.search(message))


def alive_crisis(clause: str) -> bool:
    """The speaker's being alive, put in doubt ("why am i even alive", "i don't see myself
    being alive much longer"); "i feel so alive" is an idiom blanked before this runs."""
    return bool(_ALIVE.search(clause) and _ALIVE_CUE.search(clause))


__all__ = [
    "CONCEPTS",
    "CONCEPT_IDIOMS",
    "DRUG",
    "FIRST_PERSON",
    "PERSON",
    "alive_crisis",
    "blank_laughter",
    "message_crisis",
]
