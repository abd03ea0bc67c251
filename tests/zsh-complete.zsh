# zsh-complete.zsh DIR OUT TEXT: types TEXT and a TAB into an interactive
# zsh whose completion system finds fisc's _fisc in DIR, then writes the
# command line zsh holds to OUT: what a user would see completed.
# (zpty gives zsh a terminal; a key bound to a widget dumps $BUFFER.)
zmodload zsh/zpty || exit 2
zpty -b z zsh -f -i
zpty -w z "fpath=(${(q)1} \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z "dump() { print -r -- \"\$BUFFER\" >${(q)2}; }; zle -N dump; bindkey '^X' dump"
zpty -w -n z "$3"$'\t'
# the dump key after the TAB's completion: zsh reads its input in order
zpty -w -n z $'\C-x'
for i in {1..100}; do
    [[ -s $2 ]] && break
    sleep 0.1
done
zpty -d z
[[ -s $2 ]]
