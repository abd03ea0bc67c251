" syntax/fisc.vim: highlighting for fisc budgets (docs/language.md).
"
" Names are runs of letters, digits, '_' and any non-ASCII character, so
" Chinese labels need no quotes; keywords are ASCII.  Figures and their
" units, codes at the start of a line, '_' (a value left to derive), and
" TABLE[...] references are set apart.  With the language server
" (docs/editors.md) Neovim adds semantic highlighting on top.
if exists('b:current_syntax')
  finish
endif

syn keyword fiscKeyword budget import classification table narrative columns rows for check
syn keyword fiscKeyword total was change prev rate within exact as heading subtotal ofwhich text
syn keyword fiscKeyword indicators year unit rounding tolerance previous number department note precision known extend empty beside codes template years consolidated final since

syn match fiscOperator "==\|!=\|>=\|<=\|[=<>+/-]\|[≥≧≤≦]"
syn match fiscNumber "\v[-+]?<\d[0-9,]*(\.\d+)?"
syn match fiscUnit "\v(\d\s?)@<=(千元|万元|亿元|元|人次|台（套）|[%％人台套次个单辆家项件户所份场天月年篇期批条张本座处名位])"
syn match fiscDerived "\v(^|[ \t\[(])@<=_($|[ \t\])])@="
syn match fiscCode "\v^\s*(total\s+)?\zs\d+\ze\s+[^ \t=0-9]"
syn match fiscTable "\v<[A-Za-z_][A-Za-z0-9_]*\ze\["
syn match fiscDeclared "\v(<%(table|narrative|classification|columns)\s+)@<=[^ \t"{]+"
syn region fiscString start=+"+ skip=+\\\\\|\\"+ end=+"\|$+ contains=fiscEscape oneline
syn match fiscEscape +\\[\\"nt]+ contained
syn match fiscComment "//.*$" contains=@Spell

hi def link fiscKeyword Keyword
hi def link fiscOperator Operator
hi def link fiscNumber Number
hi def link fiscUnit Type
hi def link fiscDerived Special
hi def link fiscCode Constant
hi def link fiscTable Identifier
hi def link fiscDeclared Function
hi def link fiscString String
hi def link fiscEscape SpecialChar
hi def link fiscComment Comment

let b:current_syntax = 'fisc'
