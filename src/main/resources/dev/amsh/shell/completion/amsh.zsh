#compdef amsh
# zsh completion for amsh. Load it with: source <(amsh completion zsh)
# or install it as _amsh in a folder on $fpath (before compinit runs):
#   amsh completion zsh > ~/.zfunc/_amsh   and in ~/.zshrc: fpath=(~/.zfunc $fpath); autoload -U compinit; compinit
#
# amsh answers: `amsh [--catalog ...] __complete LINE` prints the candidates for LINE, typed up to
# the cursor, one per line. Where it has none (a file argument), zsh completes file names.
_amsh() {
    local -a global candidates
    local i=2
    # The catalog options before the command choose the catalog the candidates come from.
    while (( i < CURRENT )); do
        case ${words[i]} in
            --catalog|--catalog-url) global+=(${words[i]} ${words[i+1]}); (( i += 2 )) ;;
            --catalog=*|--catalog-url=*) global+=(${words[i]}); (( i += 1 )) ;;
            --debug) (( i += 1 )) ;;
            *) break ;;
        esac
    done
    candidates=("${(@f)$(${words[1]} $global __complete "${BUFFER[1,CURSOR]}" 2>/dev/null)}")
    candidates=(${candidates:#})
    if (( ${#candidates} )); then
        compadd -a candidates
    else
        _files
    fi
}
if [[ "${funcstack[1]}" == _amsh ]]; then
    _amsh "$@"
else
    compdef _amsh amsh
fi
